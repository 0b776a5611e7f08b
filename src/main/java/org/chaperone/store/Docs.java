package org.chaperone.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.bson.Document;


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

    private Docs() {}

    @SuppressWarnings("unchecked")
    public static Document toDocument(Object record) {
        java.util.Map<String, Object> fields = JSON.convertValue(record, java.util.LinkedHashMap.class);
        if (fields.containsKey("id")) fields.put("_id", fields.remove("id"));
        return new Document(fields);
    }

    /** Straight from the document's map (no JSON text in between: this is on every message's path). */
    public static <T> T fromDocument(Document doc, Class<T> type) {
        if (doc == null) return null;
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>(doc);
        if (fields.containsKey("_id")) fields.put("id", fields.remove("_id"));
        try {
            return JSON.convertValue(fields, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " could not be read: " + e.getMessage(), e);
        }
    }
}
