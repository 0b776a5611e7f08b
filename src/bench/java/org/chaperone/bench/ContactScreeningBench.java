package org.chaperone.bench;

import org.chaperone.screening.contact.ContactContext;
import org.chaperone.screening.contact.ContactScreener;
import org.chaperone.screening.contact.ContactSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contact screening of realistic ~2 KB mentoring messages (one in four carries a contact detail,
 * most of them disguised), one message per operation, on one thread: ops/s is messages per second
 * per core. {@code naiveRegex} is the baseline measured in the same run: plain regular expressions
 * for phones, emails, postcodes and profile links, with no normalisation and no context (it misses
 * the disguised details and flags dates and prices; it is here for its speed only).
 *
 * <p>Run: {@code scripts/bench screening} (with the concern benchmarks) or {@code scripts/bench jmh
 * ContactScreeningBench -f 1 -wi 5 -w 4 -i 5 -r 4}. Measured 2026-11-27 on the shared 2-core machine:
 * contactScreener 44,158 ± 2,276 ops/s, naiveRegex 4,660 ± 223 ops/s (see BENCHMARKS.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class ContactScreeningBench {
    private static final String[] PARAGRAPHS = {
        "Thanks for today's session - it was great to hear how the mock exams went. You said you got a 7 in maths"
            + " and a 6 in English, which is brilliant progress from last term. ",
        "For next time, could you look at the revision guide pages 45-52 and try questions 3, 4 and 7? I found a"
            + " useful video on https://www.bbc.co.uk/bitesize/topics/zvhs34j about quadratic equations. ",
        "Our next session is on Tuesday 14 January at 16:30 in room 2.14 (the library meeting room). If that"
            + " doesn't work, let the programme know through the portal and they can move it. ",
        "The careers fair is on 21/01 at 10:00 in the main hall - entry is free and over 40 employers will be"
            + " there, including apprenticeship providers. The bus from school is the 42 at 15:45. ",
        "Most courses want AAB or ABB, which is 128-136 UCAS points. Look at the dot points on the slide I shared"
            + " and think about which subjects you enjoy. The deadline is 29 January 2025. ",
        "Student finance is explained at www.gov.uk/student-finance, and the maximum loan is about £9,535 a year"
            + " for fees. You can read more at www.ucas.com/undergraduate before we meet. ",
        "If you ever feel worried, remember Childline on 0800 1111 and Shout (text 85258) are free and open all"
            + " the time. Samaritans are on 116 123, day or night. ",
        "Well done again - keep going with the 20 minutes of reading each day, and let me know how chapter 3 of"
            + " the book goes. I think you'll enjoy the twist at the end. ",
        "My football team won 3-1 on Saturday and 2-0 on Wednesday, so we are top of the league with 24 points"
            + " after 10 games. The final is on 12.05.2025 at the county ground. ",
        "I've been practising the piano for grade 5, scales in C, G and D major, and the exam costs £64. My"
            + " teacher says I need 100 out of 150 to pass with merit. ",
    };
    private static final String[] CONTACTS = {
        "text me on oh seven seven double oh nine double oh one two three ",
        "my snap is jakey_2009 if you want to chat ",
        "email me at jake dot smith at gmail dot com ",
        "I live at 14 Elm Road, Leeds LS6 3QN ",
        "0 7 7 0 0 - 9 0 0 - 1 2 3 ",
        "my insta: @jake.draws ",
        "ｊａｋｅ＠ｇｍａｉｌ．ｃｏｍ ",
        "07700\u200b900\u200b123 ",
    };

    private List<String> messages;
    private int next;
    private ContactScreener screener;
    private ContactContext context;
    private Pattern[] naive;

    @Setup
    public void setUp() {
        screener = new ContactScreener(ContactSettings.defaults());
        context = ContactContext.underEighteen();
        naive = new Pattern[] {
            Pattern.compile("\\+?\\d[\\d \\-]{8,14}\\d"),
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"),
            Pattern.compile("\\b[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}\\b"),
            Pattern.compile("(?:instagram|tiktok|snapchat|facebook|twitter|x|t|wa)\\.(?:com|me)/@?[\\w.]+"),
        };
        Random random = new Random(7);
        messages = new ArrayList<>();
        for (int m = 0; m < 64; m++) {
            StringBuilder b = new StringBuilder(2200);
            b.append("Hi Sam,\n\n");
            boolean withContact = m % 4 == 0;
            int contactAt = withContact ? 3 + random.nextInt(8) : -1;
            int p = 0;
            while (b.length() < 2000) {
                if (p == contactAt) b.append(CONTACTS[random.nextInt(CONTACTS.length)]);
                b.append(PARAGRAPHS[random.nextInt(PARAGRAPHS.length)]);
                if (++p % 3 == 0) b.append("\n\n");
            }
            b.append("\nSee you next week,\nJo");
            messages.add(b.toString());
        }
    }

    private String nextMessage() {
        String m = messages.get(next);
        next = (next + 1) & 63;
        return m;
    }

    @Benchmark
    public int contactScreener() {
        return screener.find(nextMessage(), context).size();
    }

    /**
     * The two measured in turns within one process by the CPU time of the measuring thread, as
     * {@link ConcernMatchingBench#main} does: JMH's wall-clock figures for benchmarks run one after
     * another on this shared machine swing with how busy it was at each moment (±40% within minutes);
     * the ratio of turns taken side by side does not. Usage (bench profile class path):
     * {@code ContactScreeningBench [rounds]}; prints the median of the rounds after the first.
     */
    public static void main(String[] args) throws java.io.IOException {
        ContactScreeningBench b = new ContactScreeningBench();
        b.setUp();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        double[] screener = new double[rounds - 1], naive = new double[rounds - 1], ratio = new double[rounds - 1];
        for (int round = 0; round < rounds; round++) {
            double s = CpuTurns.perCpuSecond(20_000, b::contactScreener);
            double n = CpuTurns.perCpuSecond(2_000, b::naiveRegex);
            System.out.printf("round %2d contactScreener %9.0f  naiveRegex %7.0f msgs per CPU-second%n", round, s, n);
            if (round == 0) continue; // warm-up
            screener[round - 1] = s;
            naive[round - 1] = n;
            ratio[round - 1] = s / n;
        }
        java.util.Arrays.sort(screener);
        java.util.Arrays.sort(naive);
        java.util.Arrays.sort(ratio);
        int m = (rounds - 1) / 2;
        System.out.printf("%nmedian of %d rounds, messages per CPU-second: contactScreener %.0f, naiveRegex %.0f;"
                + " contactScreener = %.1fx naive (rounds %.1f-%.1f)%n", rounds - 1, screener[m], naive[m], ratio[m],
                ratio[0], ratio[rounds - 2]);
    }

    @Benchmark
    public int naiveRegex() {
        String m = nextMessage();
        int found = 0;
        for (Pattern p : naive) {
            Matcher matcher = p.matcher(m);
            while (matcher.find()) found++;
        }
        return found;
    }
}
