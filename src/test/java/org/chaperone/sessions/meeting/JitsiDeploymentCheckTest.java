package org.chaperone.sessions.meeting;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness check reads a deployment's config.js, served here by a local HTTP server. */
class JitsiDeploymentCheckTest {
    static final String LOCKED_DOWN = """
            var config = {
                hosts: { domain: 'meet.example.org', muc: 'conference.meet.example.org' },
                bosh: '//meet.example.org/http-bind',
                // recordingService: { enabled: true },
                /* liveStreaming: { enabled: true }, */
                localRecording: {
                    disable: true,
                    notifyAllParticipants: true,
                },
                recordingService: { enabled: false, sharingEnabled: false },
                liveStreaming: { enabled: false },
                transcription: { enabled: false },
                toolbarButtons: ['camera', 'chat', 'desktop', 'hangup', 'microphone', 'raisehand', 'tileview'],
            };
            """;

    @Test
    void aLockedDownDeploymentPassesAndCommentedExamplesDoNotCount() {
        assertEquals(List.of(), JitsiDeploymentCheck.problems(LOCKED_DOWN));
    }

    @Test
    void anythingThatCouldRecordIsNamed() {
        String open = LOCKED_DOWN.replace("disable: true", "disable: false")
                .replace("liveStreaming: { enabled: false }", "liveStreaming: { enabled: true }")
                .replace("transcription: { enabled: false }", "transcription: { enabled: true }")
                .replace("recordingService: { enabled: false", "recordingService: { enabled: true")
                + "config.hiddenDomain = 'x'; var more = { hiddenDomain: 'recorder.meet.example.org' };";
        List<String> problems = JitsiDeploymentCheck.problems(open);
        assertTrue(problems.contains("local recording is not disabled (localRecording: { disable: true })"), problems.toString());
        assertTrue(problems.contains("the recording service is enabled"), problems.toString());
        assertTrue(problems.contains("live streaming is enabled"), problems.toString());
        assertTrue(problems.contains("transcription is enabled"), problems.toString());
        assertTrue(problems.contains("a recorder (Jibri) domain is configured"), problems.toString());
        assertTrue(JitsiDeploymentCheck.problems("var config = {};").getFirst().startsWith("local recording is not disabled"),
                "the default is not good enough: local recording must be switched off");
    }

    @Test
    void theCheckFetchesTheDeploymentsConfig() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(req -> req.response()
                            .putHeader("Content-Type", "application/javascript")
                            .end(req.path().equals("/good/config.js") ? LOCKED_DOWN : LOCKED_DOWN.replace("disable: true", "")))
                    .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + server.actualPort();
            assertTrue(new JitsiDeploymentCheck(base + "/good/config.js").verify().contains("disabled"));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new JitsiDeploymentCheck(base + "/open/config.js").verify());
            assertTrue(e.getMessage().contains("local recording is not disabled"), e.getMessage());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
