package org.chaperone.screening.contact;

/**
 * The vocabulary the contact detectors reason with: number words, the words that introduce a
 * phone number or an account, platform and mail-provider names, street types, and the everyday
 * words that cannot be a handle or an email name on their own. Roles are bits; one word can have
 * several ("number" introduces phones and is a number-word cue).
 */
final class Words {
    private Words() {}

    static final long DIGIT = 1L;            // zero..nine, oh, nought; value = digit
    static final long TEEN = 1L << 1;        // ten..nineteen; value = number
    static final long TENS = 1L << 2;        // twenty..ninety; value = number
    static final long HUNDRED = 1L << 3;     // hundred (value 2 zeros), thousand (3 zeros)
    static final long REPEAT = 1L << 4;      // double, triple, treble; value = times
    static final long PHONE_CUE = 1L << 5;
    static final long NOT_PHONE_CUE = 1L << 6;
    static final long EMAIL_CUE = 1L << 7;
    static final long PROVIDER = 1L << 8;
    static final long PLATFORM = 1L << 9;    // value = Platform ordinal
    static final long PLATFORM_WEAK = 1L << 10; // also an everyday word: needs a stronger pattern
    static final long HANDLE_CUE = 1L << 11; // username, handle, account...
    static final long OWNER = 1L << 12;      // my, his, her...
    static final long INVITE = 1L << 13;     // add, follow, dm...
    static final long STREET = 1L << 14;
    static final long STREET_WEAK = 1L << 15;
    static final long BUILDING = 1L << 16;
    static final long FLAT = 1L << 17;
    static final long ADDRESS_CUE = 1L << 18;
    static final long STOP = 1L << 19;
    static final long COMMON = 1L << 20;
    static final long TLD = 1L << 21;
    static final long TLD_SPOKEN = 1L << 22; // TLDs people spell out: "dot com", "dot co dot uk"
    static final long ROLE = 1L << 23;       // role mailboxes: admissions, enquiries...
    static final long UNIT = 1L << 24;       // am, pm, kg, st, th... glued to a number: not a phone
    static final long AT_WORD = 1L << 25;    // "at" and its spellings
    static final long DOT_WORD = 1L << 26;   // "dot", "period"
    static final long CONNECT = 1L << 27;    // is, as, me, name, called...
    static final long SITE_CUE = 1L << 28;   // website, blog, portfolio, linktree...
    static final long NUMBER_CUE = 1L << 29; // "number", "no": before a house number
    static final long MONTH = 1L << 30;
    static final long INSTITUTION = 1L << 31; // gov, nhs, ac, sch, police: institutional domains
    static final long PAIR_HEAD = 1L << 32;   // first half of a name written as two words: "tik tok"
    static final long HOME = 1L << 33;        // "house", "home": may start "home is 4 Elm Road"

    static final Lexicon LEX = build();

    /**
     * The words that make a token an anchor for some detector ({@link Tokens}): looked up for every word while
     * tokenising. The roles of other words are looked up in {@link #LEX} only when a detector asks for them.
     */
    static final Lexicon ANCHOR_WORDS = LEX.subset(DIGIT | TEEN | TENS | HUNDRED | REPEAT | AT_WORD | PLATFORM
            | PROVIDER | PAIR_HEAD | FLAT | ADDRESS_CUE | HOME);

    private static Lexicon build() {
        Lexicon.Builder b = new Lexicon.Builder();
        String[] units = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
        for (int d = 0; d < units.length; d++) b.add(DIGIT, units[d], d);
        b.add(DIGIT, "oh", 0).add(DIGIT, "nought", 0).add(DIGIT, "naught", 0).add(DIGIT, "nil", 0)
                .add(DIGIT, "zer0", 0).add(DIGIT, "niner", 9)
                // misspellings seen in typed numbers
                .add(DIGIT, "zeroh", 0).add(DIGIT, "thre", 3).add(DIGIT, "fiv", 5).add(DIGIT, "sevn", 7)
                .add(DIGIT, "eigth", 8).add(DIGIT, "eigh", 8).add(DIGIT, "nien", 9);
        String[] teens = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                "seventeen", "eighteen", "nineteen"};
        for (int d = 0; d < teens.length; d++) b.add(TEEN, teens[d], 10 + d);
        String[] tens = {"twenty", "thirty", "forty", "fourty", "fifty", "sixty", "seventy", "eighty", "ninety"};
        int[] tensValue = {20, 30, 40, 40, 50, 60, 70, 80, 90};
        for (int d = 0; d < tens.length; d++) b.add(TENS, tens[d], tensValue[d]);
        b.add(PAIR_HEAD, "tik tic snap face whats what you insta linked sound only be blue git");
        b.add(HUNDRED, "hundred", 2).add(HUNDRED, "thousand", 3);
        b.add(REPEAT, "double", 2).add(REPEAT, "dbl", 2).add(REPEAT, "triple", 3).add(REPEAT, "treble", 3);

        b.add(PHONE_CUE, """
                phone phones fone mobile mobiles mob moby cell cellphone telephone tel tele landline
                number numbers num numb nmbr nr digits call calls calling ring ringing rang text texts
                texting txt sms whatsapp whatsap watsapp whatsapps facetime imessage viber contact dial
                reach hmu wa tlf telefono""");
        b.add(NOT_PHONE_CUE, """
                room rooms page pages pg pp session sessions ref reference references order orders invoice
                booking ticket tickets case account acct sort isbn issn doi id pin code codes serial tracking
                candidate student ucas uln passport year years yr yrs score scored scores points grade grades
                chapter question questions exercise unit module lesson lessons week weeks step steps bus route
                platform flight train seat level version item lot model part product price cost costs paid
                pay total bill receipt transaction membership policy claim registration reg vat company
                charity exam paper papers mark marks percent population followers likes views subscribers
                figure table ratio equation formula answer answers sum total balance salary income budget
                distance miles metres meters postcode isbns volume edition issue no. lines line""");
        b.add(NUMBER_CUE, "number no num nr");
        b.add(EMAIL_CUE, "email emails e-mail mail mailbox inbox gmail addy address");
        b.add(PROVIDER, """
                gmail googlemail hotmail outlook yahoo ymail rocketmail icloud aol protonmail proton gmx
                yandex zoho btinternet btopenworld virginmedia talktalk tiscali blueyonder ntlworld msn
                tutanota fastmail hushmail mailfence hotmial gmial gmal hotmal yahooo""");
        for (Platform p : Platform.values()) {
            for (String w : p.names) b.add(PLATFORM, w, p.ordinal());
            for (String w : p.weakNames) {
                b.add(PLATFORM | PLATFORM_WEAK, w, p.ordinal());
            }
        }
        b.add(HANDLE_CUE, "username usernames user handle handles acc acct account accounts profile id tag gamertag"
                + " channel ign"
                + " ign name @ addme");
        b.add(OWNER, "my mine our his her their your ur me");
        b.add(INVITE, "add follow dm dms message msg pm inbox find search hmu hit sub subscribe friend"
                + " friends request requests follows");
        b.add(CONNECT, "is its it's as me name named called under = : - is: @ it at");
        b.add(STREET, """
                road rd street st avenue ave av lane ln crescent cres drive dr terrace terr tce mews
                gardens gdns grove gr close cl boulevard blvd parade pde approach circus embankment wynd""");
        b.add(STREET_WEAK, """
                way court ct place pl hill park walk row rise view green vale gate square sq yard chase
                heights fields meadow meadows croft wharf quay hollow lea dale bank cross passage path
                broadway highway causeway ridge grange brow""");
        b.add(BUILDING, "house court tower towers lodge mansions building block apartments flats hall cottage"
                + " cottages farm manor point");
        b.add(FLAT, "flat apartment apt unit suite");
        b.add(ADDRESS_CUE, "address addy addr live lives living stay staying moved postcode");
        b.add(AT_WORD, "at");
        b.add(DOT_WORD, "dot period");
        b.add(SITE_CUE, "website site blog portfolio page linktree links link channel homepage webpage vlog");
        b.add(MONTH, "jan january feb february mar march apr april may jun june jul july aug august sep sept"
                + " september oct october nov november dec december");
        b.add(UNIT, """
                am pm st nd rd th k m p kg g km cm mm ml l mph mins min hrs hr h s sec secs y x px pts pt gb mb kb
                tb percent pc yo ish s""");
        b.add(ROLE, """
                admissions admission info information enquiries enquiry contact contactus hello help support
                office admin careers reception team general safeguarding studentservices students noreply
                no-reply donotreply mentoring programme program bookings press media accounts finance hr""");
        b.add(INSTITUTION, "gov nhs ac sch police mod parliament");
        b.add(HOME, "house home");
        b.add(TLD | TLD_SPOKEN, "com net org uk co io me info biz edu gov ac ie us eu fr de es it nl ca au nz in"
                + " tv xyz app dev online");
        b.add(TLD, """
                ad ae af ag ai al am ao aq ar as at aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz
                cc cd cf cg ch ci ck cl cm cn cr cu cv cw cx cy cz dj dk dm do dz ec ee eg er et fi fj fk fm fo
                ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id il im iq ir is je
                jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md mg mh mk ml
                mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni no np nr nu om pa pe pf pg ph pk pl
                pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx
                sy sz tc td tf tg th tj tk tl tm tn to tr tt tw tz ua ug uy uz va vc ve vg vi vn vu wf ws ye
                yt za zm zw mil int name pro mobi ai site website tech store shop blog live life world space
                club fun page link email ly art design studio media news today top vip icu cloud social chat
                digital agency academy school college university wiki network group team family games game
                love band music photo photography video fm bio gle""");
        b.add(STOP, """
                the a an and or but if then so to of in on at by for with from into onto as is are was were be
                been being am i me my mine you your yours he him his she her hers it its we us our they them
                their this that these those there here what which who whom whose when where why how not no
                yes do does did done have has had will would can could shall should may might must than too
                very just also only up down out over under again about after before off all any both each
                few more most other some such own same s t ll re ve d m im i'm ur u r""");
        b.add(COMMON, COMMON_WORDS);
        return b.build();
    }

    /** Everyday English that cannot stand alone as a handle, an email name or a domain. */
    private static final String COMMON_WORDS = """
            about above across act active actually add added address after afternoon again against age ago
            agree ahead all almost alone along already alright also always amazing among amount and angry
            another answer any anymore anyone anything anyway anywhere app apps area around art ask asked
            asking assignment away awesome awful baby back bad bag ball band bank based basically be beach
            beautiful because become bed been before began begin behind being believe best better between
            big bit black blocked blog blue board body book books bored boring born both bottom bought box
            boy brain break breakfast bring broke broken brother brought build building bus busy but buy
            by cake call called calls came camera can cannot cant car card care career careful case cat
            cause certain chance change changed channel chat chats check cheers child children choice
            choose church city class classes clean clear close closed club code coffee cold college colour
            come comes coming community company complete computer confused cool could couldnt country
            couple course cousin cover crazy create cute cv dad dance dark data date day days dead deal
            dear decide decided deleted delete definitely did didnt died different difficult dinner direct
            do doctor does doesnt dog doing done dont door down draw dream dress drink drive driving drop
            during each early easy eat eating either else email end english enjoy enough even evening
            event ever every everyone everything exam exams example except excited exciting exercise
            expect experience explain eye face fact fair fake fall family famous fan far fast father
            favourite feel feeling felt few field fight final finally find fine finish finished fire first
            fish five follow followed following food football for forget forgot form found four free
            friday friend friends from front full fun funny future game games gave general get gets
            getting girl give given glad go goes going gone good got grade grades great green group groups
            grow guess guy guys had hair half hand happen happened happy hard has hate have having he head
            hear heard hello help her here hey hi high him his history hit hold holiday home homework
            hope hopefully horrible hot hour hours house how huge idea important in inside instead
            interested interesting into is isnt it job join joke just keep kept kind knew know known
            language large last late later laugh learn learning least leave left less lesson let lets
            level life like liked likes line link links list listen little live lives living local lol
            long look looked looking lose lost lot lots loud love lovely low lunch made main make makes
            making man many maths matter maybe me mean meant meet meeting member mention message messages
            met middle might mind mine minute minutes miss missed moment monday money month months more
            morning most mother move moved movie much mum music must my name names near need needed
            needs never new news next nice night nobody none normal not note nothing now number of off
            offer office often oh ok okay old on once one online only open or order other others our out
            outside over own page parents park part party pass past pay people perfect person phone photo
            photos pic pics picture place plan play played playing please point police possible post
            posted posts practice present pretty private probably problem problems project public put
            question questions quick quickly quiet quite random rather read reading ready real really
            reason red remember reply rest revision right room round rule run sad safe said same saturday
            save saw say saying says school science score second see seen send sent serious server set
            she short should show shut sick side sign since sister sit small so social some someone
            something sometimes soon sorry sort sound speak special spend sport sports stand start
            started stay still stop stories story strange street student students study stuff subject
            such summer sunday super support suppose sure surprise sweet table take taken talk talking
            teacher teachers team tell term test text than thank thanks that the their them then there
            these they thing things think third this those though thought three through thursday time
            times tired to today together told tomorrow tonight too took top totally town tried true try
            trying tuesday turn two under understand uni university until up upset us use used useful
            using usual usually very video videos visit wait want wanted wants was watch watching water
            way we wednesday week weekend weeks weird well went were what whatever when where which while
            white who whole why will win with without woman wonder wonderful word words work worked
            working works world worried worry worse worst would write writing wrong yeah year years yes
            yesterday yet you young your yours yourself
            account accounts active inactive banned hacked locked deactivated suspended verified official
            spam secret main private public new old same different better down up there here everywhere
            anywhere nowhere gone full empty dead offline online busy blocked muted archived restricted
            now later soon tonight tomorrow instead too also well again already still always never
            sometimes often maybe probably really actually literally basically anyway anymore though
            haha lmao lmfao omg idk tbh btw ngl rn fr imo irl asap thx ty pls plz yep nope yup nah sure
            stories story reel reels live lives stream streams streaming streamer server servers dm dms
            chat chats group groups message messages messaging inbox notifications notification post posts
            posting video videos photo photos pic pics picture pictures link links bio profile page pages
            content feed channel channels account handle username name app apps platform update updates
            january february march april may june july august september october november december
            monday tuesday wednesday thursday friday saturday sunday weekend weekday
            mum dad mom parents brother sister family teacher teachers mentor mentee school college
            uni class lesson homework revision exam exams maths english science history geography
            art music drama sport football netball rugby cricket tennis swimming gym dance coding
            gaming games game minecraft fortnite roblox
            hello hi hey hiya bye goodbye thanks thank please sorry welcome cheers yes no ok okay alright
            fine good great cool nice lovely awesome amazing brilliant perfect fantastic excellent
            bad terrible awful rubbish boring fun funny weird strange hard easy difficult simple
            everyone everybody someone somebody anyone anybody nobody people person guys friend friends
            apply applied applying available register registered registering sign signed signing log logged
            login book booked booking visit visited visiting located based found study studying studied
            arrive arrived arriving stayed meet meeting met lunch dinner breakfast practise training train
            trained shop shopping buy bought sell sold paid helping helped volunteer volunteering
            internship placement apprenticeship interview interviews course courses degree library museum
            gallery cinema theatre concert match gym pool station airport hospital doctors dentist mosque
            temple reception canteen hall campus halls shift shifts rehearsal rehearsals camp fair sale
            waiting stuck sitting standing staying working playing going leaving coming arriving living
            home house flat room kitchen garden bedroom upstairs downstairs outside inside lesson
            break lunchtime breaktime assembly registration tutor form period detention
            hmm umm erm uh ah oh ooh wow yay yikes ugh meh hehe lol xd
            kinda sorta gonna wanna gotta lowkey highkey mid sus bare peak dry cringe lit fire goated
            slaps vibes vibe mood deffo defo prob probs tho cos coz cuz bc tbf innit proper well good
            down back gone mad wild tragic basic iconic cute rubbish rn atm pretty super quite very
            broke bust glitchy laggy buggy slow fast weird dodgy sketchy safe unsafe risky mine his hers
            theirs ours shared linked connected synced banned shadowbanned cooked done over
            moderator mod mods admin admins member members guest owner host leader captain helper
            search watch listen subscribe course crash study revise
            """;
}
