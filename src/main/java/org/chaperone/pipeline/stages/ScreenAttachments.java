package org.chaperone.pipeline.stages;

import org.chaperone.pipeline.Action;
import org.chaperone.pipeline.Attachment;
import org.chaperone.pipeline.Envelope;
import org.chaperone.pipeline.Reason;
import org.chaperone.pipeline.Stage;
import org.chaperone.screening.attachments.RecordingFinder;

import java.util.Optional;

/**
 * Sessions are not recorded, and recordings do not travel in messages either: an attachment that is
 * audio or video (by its declared type, its name, or its actual bytes, also inside archives) holds
 * the message for review, and the sender is told why. An archive that cannot be fully checked is held
 * too, so hiding a recording in one does not get it through.
 */
public final class ScreenAttachments implements Stage {
    public static final String RECORDING = "recording_attachment";
    public static final String UNCHECKABLE = "uncheckable_attachment";

    @Override
    public void apply(Envelope e) {
        if (e.content == null) return;
        for (Attachment a : e.content.attachments()) {
            try {
                Optional<RecordingFinder.Finding> found = RecordingFinder.find(a.filename(), a.declaredType(), a.content());
                if (found.isPresent()) {
                    RecordingFinder.Finding f = found.get();
                    e.reasons.add(new Reason(RECORDING, "it has an audio or video attachment (" + f.path() + ": " + f.what()
                            + "); recordings are not shared through the programme", Action.HOLD));
                    return;
                }
            } catch (RecordingFinder.Uncheckable u) {
                e.reasons.add(new Reason(UNCHECKABLE, "it has an attachment that could not be checked for recordings ("
                        + u.getMessage() + ")", Action.HOLD));
                return;
            }
        }
    }
}
