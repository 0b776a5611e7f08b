package org.chaperone.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Records to MongoDB documents and back through one JSON mapping, for the low-volume registry
 * entities (organisations, users, pairings…). The record's {@code id} becomes {@code _id}.
 * Dates are ISO-8601 strings, which sort and compare correctly as text.
 */
public final class Docs {
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private Docs() {}

    public static Document toDocument(Object record) {
        ObjectNode tree = JSON.valueToTree(record);
        if (tree.has("id")) {
            tree.set("_id", tree.remove("id"));
        }
        return Document.parse(tree.toString());
    }

    public static <T> T fromDocument(Document doc, Class<T> type) {
        if (doc == null) return null;
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(doc.toJson(RELAXED));
            if (tree.has("_id")) tree.set("id", tree.remove("_id"));
            return JSON.treeToValue(tree, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + type.getSimpleName() + " could not be read", e);
        }
    }
}
