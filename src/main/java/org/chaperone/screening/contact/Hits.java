package org.chaperone.screening.contact;

import java.util.Arrays;

/** Spans found in the folded text, by kind; converted to {@link ContactFinding}s at the end. */
final class Hits {
    private ContactKind[] kinds = new ContactKind[8];
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int n;

    void add(ContactKind kind, int start, int end) {
        if (end <= start) return;
        if (n == kinds.length) {
            kinds = Arrays.copyOf(kinds, n * 2);
            starts = Arrays.copyOf(starts, n * 2);
            ends = Arrays.copyOf(ends, n * 2);
        }
        kinds[n] = kind;
        starts[n] = start;
        ends[n] = end;
        n++;
    }

    int size() {
        return n;
    }

    ContactKind kind(int i) {
        return kinds[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }
}
