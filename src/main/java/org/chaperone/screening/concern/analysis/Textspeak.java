package org.chaperone.screening.concern.analysis;

import org.apache.lucene.analysis.CharArrayMap;

/**
 * Shorthand, contractions and text-speak read as the words they stand for, so that one query
 * covers "don't tell", "dont tell", "do not tell" and "d0nt t3ll". Both queries and messages are read
 * this way, so a query may be written in either form.
 *
 * <p>"u" reads as "you", "ur" as "your" and "you're" as "you are". Young people often write "your"
 * or "ur" for "you're", so a query about "you're so pretty" lists {@code "(you are OR your) so pretty"}.
 *
 * <p>Other contractions follow the general rules in {@link #expandContraction(String)}.
 */
final class Textspeak {
    private Textspeak() {}

    private static final String TABLE = """
            don't dont=do not
            can't cant cannot=can not
            won't=will not
            didn't didnt=did not
            doesn't doesnt=does not
            isn't isnt=is not
            aren't arent=are not
            wasn't wasnt=was not
            weren't werent=were not
            haven't havent=have not
            hasn't hasnt=has not
            hadn't hadnt=had not
            wouldn't wouldnt=would not
            shouldn't shouldnt=should not
            couldn't couldnt=could not
            ain't aint=is not
            i'm im=i am
            i've ive=i have
            i'll=i will
            i'd=i would
            you've youve=you have
            you'll youll=you will
            you'd youd=you would
            we're=we are
            we've=we have
            we'll=we will
            they're theyre=they are
            they've theyve=they have
            they'll=they will
            we'd=we would
            they'd=they would
            he'd=he would
            she'd=she would
            he's=he is
            she's=she is
            he'll=he will
            she'll=she will
            it'll=it will
            that'll=that will
            it's=it is
            that's thats=that is
            what's whats=what is
            there's theres=there is
            who's=who is
            let's lets=let us
            u ya yu=you
            you're youre=you are
            ur yr yur=your
            od'd odd'd oded=overdosed
            r=are
            wanna wana=want to
            gonna gunna gona=going to
            gotta=got to
            hafta=have to
            tryna=trying to
            lemme=let me
            gimme=give me
            dunno=do not know
            idk=i do not know
            kinda=kind of
            sorta=sort of
            outta=out of
            imma ima=i am going to
            ily ilu=i love you
            ilysm=i love you so much
            luv=love
            ppl=people
            pls plz plss pleez=please
            bc bcos bcoz bcuz cos coz cuz=because
            tho=though
            rly rlly=really
            sry soz=sorry
            gf=girlfriend
            bf=boyfriend
            bday=birthday
            msg=message
            txt=text
            pic pics pix piccy piccie pik=picture
            vid vids=video
            tmrw tmr tmoz tomoz 2moro 2morrow tmrow=tomorrow
            2nite 2night tonite=tonight
            2day=today
            b4=before
            gr8=great
            l8r l8er=later
            m8=mate
            h8=hate
            4ever=forever
            some1=someone
            any1 ne1=anyone
            every1=everyone
            no1=no one
            nvr=never
            abt=about
            wat wot=what
            wen=when
            wiv wif=with
            ngl=not going to lie
            tbh=to be honest
            irl=in real life
            f2f=face to face
            rn=right now
            selfharm=self harm
            sewerslide sewerside=suicide
            """;

    private static final CharArrayMap<String[]> EXPANSIONS = build();
    /** Which (first character, length) pairs start some entry: most words can skip the lookup. */
    private static final boolean[] STARTS = starts();
    private static final int MAX_KEY = 16;

    private static CharArrayMap<String[]> build() {
        CharArrayMap<String[]> map = new CharArrayMap<>(256, false);
        for (String line : TABLE.split("\n")) {
            if (line.isBlank()) continue;
            int eq = line.indexOf('=');
            String[] words = line.substring(eq + 1).trim().split(" ");
            for (String key : line.substring(0, eq).trim().split(" ")) {
                if (map.put(key, words) != null) throw new IllegalStateException("text-speak key twice: " + key);
            }
        }
        return map;
    }

    private static boolean[] starts() {
        boolean[] s = new boolean[128 * (MAX_KEY + 1)];
        for (Object k : EXPANSIONS.keySet()) {
            char[] key = (char[]) k;
            if (key.length > MAX_KEY || key[0] >= 128) throw new IllegalStateException("text-speak key too long: " + new String(key));
            s[key[0] * (MAX_KEY + 1) + key.length] = true;
        }
        return s;
    }

    /** False when no entry can match, without a lookup. */
    static boolean mayExpand(char[] term, int len) {
        return len > 0 && len <= MAX_KEY && term[0] < 128 && STARTS[term[0] * (MAX_KEY + 1) + len];
    }

    /** The words {@code term} stands for, or null when it is an ordinary word. */
    static String[] expand(CharSequence term) {
        return EXPANSIONS.get(term);
    }

    static String[] expand(char[] term, int len) {
        return EXPANSIONS.get(term, 0, len);
    }

    private static final String[][] SUFFIXES = {
        {"n't", "not"}, {"'ll", "will"}, {"'re", "are"}, {"'ve", "have"}, {"'d", "would"}, {"'m", "am"}, {"'s", null},
    };

    /**
     * A contraction not in the table, by its ending: "mustn't" is "must not", "nobody'll" is
     * "nobody will"; "'s" is dropped ("mum's" is "mum", "nobody's" is "nobody"), as it may be a
     * possessive or "is". Returns null when {@code word} has no such ending.
     */
    static String[] expandContraction(String word) {
        for (String[] s : SUFFIXES) {
            if (word.endsWith(s[0]) && word.length() > s[0].length()) {
                String base = word.substring(0, word.length() - s[0].length()).replace("'", "");
                if (base.isEmpty()) return null;
                return s[1] == null ? new String[] {base} : new String[] {base, s[1]};
            }
        }
        return null;
    }
}
