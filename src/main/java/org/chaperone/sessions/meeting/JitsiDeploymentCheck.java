package org.chaperone.sessions.meeting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a Jitsi deployment's {@code config.js} and confirms that nothing in it can record: local
 * (in-browser) recording disabled, and no recording service, live streaming or transcription switched
 * on. In-browser recording is a deployment setting, not a token feature, so this is the only place
 * the gateway can see it. Comments are removed first so a commented-out example does not count.
 */
public final class JitsiDeploymentCheck {
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)^\\s*//.*$|(?<=[,{;\\s])//[^\\n]*");
    private static final Pattern LOCAL_RECORDING_DISABLED =
            Pattern.compile("localRecording\\s*:\\s*\\{[^}]*\\bdisable\\s*:\\s*true");
    private static final List<Problem> ENABLED = List.of(
            new Problem(Pattern.compile("localRecording\\s*:\\s*\\{[^}]*\\benabled\\s*:\\s*true"), "local recording is enabled"),
            new Problem(Pattern.compile("recordingService\\s*:\\s*\\{[^}]*\\benabled\\s*:\\s*true"), "the recording service is enabled"),
            new Problem(Pattern.compile("\\bfileRecordingsEnabled\\s*:\\s*true"), "file recordings are enabled"),
            new Problem(Pattern.compile("liveStreaming\\s*:\\s*\\{[^}]*\\benabled\\s*:\\s*true"), "live streaming is enabled"),
            new Problem(Pattern.compile("\\bliveStreamingEnabled\\s*:\\s*true"), "live streaming is enabled"),
            new Problem(Pattern.compile("transcription\\s*:\\s*\\{[^}]*\\benabled\\s*:\\s*true"), "transcription is enabled"),
            new Problem(Pattern.compile("\\btranscribingEnabled\\s*:\\s*true"), "transcription is enabled"),
            new Problem(Pattern.compile("hiddenDomain\\s*:\\s*['\"]recorder\\."), "a recorder (Jibri) domain is configured"));

    private record Problem(Pattern pattern, String description) {}

    private final URI configUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public JitsiDeploymentCheck(String configUrl) {
        this.configUrl = URI.create(configUrl);
    }

    /** Blocking: fetches and checks the configuration; returns a summary or throws naming what is wrong. */
    public String verify() {
        String text;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(configUrl).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException(configUrl + " answered HTTP " + r.statusCode());
            text = r.body();
        } catch (IOException e) {
            throw new IllegalStateException(configUrl + " could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<String> problems = problems(text);
        if (!problems.isEmpty()) throw new IllegalStateException("the Jitsi deployment can record: " + String.join("; ", problems));
        return "recording, live streaming and transcription disabled at " + configUrl.getHost();
    }

    /** What in this config.js would let a session be recorded; empty when nothing would. */
    public static List<String> problems(String configJs) {
        String code = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(configJs).replaceAll(" ")).replaceAll(" ");
        List<String> out = new ArrayList<>();
        if (!LOCAL_RECORDING_DISABLED.matcher(code).find()) out.add("local recording is not disabled (localRecording: { disable: true })");
        for (Problem p : ENABLED) {
            if (p.pattern().matcher(code).find() && !out.contains(p.description())) out.add(p.description());
        }
        return out;
    }
}
