package org.chaperone.screening.contact;

import java.util.List;

/**
 * Social media and messaging services, with the words people use for them and the hosts of their
 * profile links. {@code weakNames} are also everyday words ("snap", "line", "signal"), so they only
 * count in a pattern that clearly names an account.
 */
enum Platform {
    INSTAGRAM(List.of("instagram", "insta", "instagr", "instagramm", "instgram"), List.of("ig", "gram"),
            List.of("instagram.com", "instagr.am", "ig.me")),
    SNAPCHAT(List.of("snapchat", "snapchats", "snapchatt", "snapcht"), List.of("snap", "sc", "snp"),
            List.of("snapchat.com")),
    TIKTOK(List.of("tiktok", "tiktoks", "tictoc", "tiktoc"), List.of("tt"), List.of("tiktok.com")),
    FACEBOOK(List.of("facebook", "fb", "fbook"), List.of("messenger"),
            List.of("facebook.com", "fb.com", "fb.me", "m.me", "messenger.com")),
    TWITTER(List.of("twitter", "tweeter"), List.of("x", "twt"), List.of("twitter.com", "x.com")),
    WHATSAPP(List.of("whatsapp", "whatsap", "watsapp", "whatapp", "whatsaap", "watsap"), List.of("wa"),
            List.of("wa.me", "whatsapp.com", "api.whatsapp.com", "chat.whatsapp.com")),
    TELEGRAM(List.of("telegram"), List.of("tg"), List.of("t.me", "telegram.me", "telegram.dog")),
    DISCORD(List.of("discord", "discordapp"), List.of("dc"),
            List.of("discord.com", "discord.gg", "discordapp.com")),
    SKYPE(List.of("skype"), List.of(), List.of("skype.com", "join.skype.com")),
    YOUTUBE(List.of("youtube", "utube"), List.of("yt"), List.of("youtube.com", "m.youtube.com")),
    TWITCH(List.of("twitch"), List.of(), List.of("twitch.tv")),
    REDDIT(List.of("reddit"), List.of(), List.of("reddit.com")),
    KIK(List.of("kik"), List.of(), List.of("kik.me", "kik.com")),
    WECHAT(List.of("wechat"), List.of(), List.of("wechat.com")),
    VIBER(List.of("viber"), List.of(), List.of("viber.com")),
    SIGNAL(List.of(), List.of("signal"), List.of("signal.me")),
    LINE(List.of(), List.of("line"), List.of("line.me")),
    THREADS(List.of(), List.of("threads"), List.of("threads.net", "threads.com")),
    BLUESKY(List.of("bluesky", "bsky"), List.of(), List.of("bsky.app")),
    MASTODON(List.of("mastodon"), List.of(), List.of("mastodon.social")),
    PINTEREST(List.of("pinterest"), List.of(), List.of("pinterest.com", "pinterest.co.uk")),
    TUMBLR(List.of("tumblr"), List.of(), List.of("tumblr.com")),
    VSCO(List.of("vsco"), List.of(), List.of("vsco.co")),
    BEREAL(List.of("bereal"), List.of(), List.of("bere.al", "bereal.com")),
    ROBLOX(List.of(), List.of("roblox"), List.of("roblox.com")),
    STEAM(List.of(), List.of("steam"), List.of("steamcommunity.com")),
    XBOX(List.of("xbox", "gamertag"), List.of(), List.of("xbox.com")),
    PLAYSTATION(List.of("psn", "playstation"), List.of("ps4", "ps5"), List.of()),
    EPIC(List.of(), List.of("epic"), List.of()),
    GITHUB(List.of("github"), List.of(), List.of("github.com")),
    LINKEDIN(List.of("linkedin"), List.of(), List.of("linkedin.com", "uk.linkedin.com", "lnkd.in")),
    ONLYFANS(List.of("onlyfans"), List.of(), List.of("onlyfans.com")),
    SOUNDCLOUD(List.of("soundcloud"), List.of(), List.of("soundcloud.com")),
    TELLONYM(List.of("tellonym", "yubo", "wizz"), List.of("ngl"), List.of("tellonym.me", "ngl.link", "yubo.live")),
    SPOTIFY(List.of(), List.of("spotify"), List.of("open.spotify.com/user")),
    GOOGLE_CHAT(List.of("hangouts"), List.of(), List.of());

    final List<String> names;
    final List<String> weakNames;
    final List<String> hosts;

    Platform(List<String> names, List<String> weakNames, List<String> hosts) {
        this.names = names;
        this.weakNames = weakNames;
        this.hosts = hosts;
    }
}
