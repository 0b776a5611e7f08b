package org.chaperone.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@link GatewayConfig}: {@code config/gateway.yaml} (laptop defaults), then the file named by
 * {@code CHAPERONE_CONFIG} merged over it, then one environment variable per key. A key's variable is
 * its path in capitals joined by underscores: {@code http.port} is {@code CHAPERONE_HTTP_PORT},
 * {@code smtp.maxMessageBytes} is {@code CHAPERONE_SMTP_MAX_MESSAGE_BYTES}. Lists take commas.
 */
public final class ConfigLoader {
    public static final String PREFIX = "CHAPERONE_";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ConfigLoader() {}

    /** Loads from the working directory's {@code config/} and the process environment. */
    public static GatewayConfig load() {
        return load(Path.of("config", "gateway.yaml"), System.getenv());
    }

    public static GatewayConfig load(Path defaults, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        ObjectNode tree = readYaml(defaults, problems);
        String overlay = env.get(PREFIX + "CONFIG");
        if (overlay != null && !overlay.isBlank()) {
            ObjectNode over = readYaml(Path.of(overlay), problems);
            if (over != null && tree != null) merge(tree, over, "", problems);
        }
        if (tree == null) throw new ConfigException(problems);
        Map<String, String> sources = new LinkedHashMap<>();
        applyEnvironment(tree, "", env, sources);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        GatewayConfig config;
        try {
            config = YAML.treeToValue(tree, GatewayConfig.class);
        } catch (JsonMappingException e) {
            throw new ConfigException(List.of(describe(e, sources)));
        } catch (IOException e) {
            throw new ConfigException(List.of("configuration could not be read: " + e.getMessage()));
        }
        ConfigValidator.validate(config, sources, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return config;
    }

    private static ObjectNode readYaml(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add("configuration file " + file + " does not exist");
            return null;
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) return JsonNodeFactory.instance.objectNode();
            if (!node.isObject()) {
                problems.add(file + ": the top level must be a mapping of keys");
                return null;
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: " + firstLine(e.getMessage()));
            return null;
        }
    }

    private static void merge(ObjectNode base, ObjectNode over, String path, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = over.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode existing = base.get(e.getKey());
            if (existing == null) {
                problems.add(key + ": unknown key");
            } else if (existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) e.getValue(), key, problems);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    /** Every leaf of the defaults can be set from the environment. */
    private static void applyEnvironment(ObjectNode node, String path, Map<String, String> env,
                                         Map<String, String> sources) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode child = node.get(name);
            String key = path.isEmpty() ? name : path + "." + name;
            if (child.isObject()) {
                applyEnvironment((ObjectNode) child, key, env, sources);
                continue;
            }
            String variable = environmentName(key);
            String value = env.get(variable);
            if (value == null) continue;
            sources.put(key, variable);
            if (child.isArray()) {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                for (String part : value.split(",")) if (!part.isBlank()) array.add(part.trim());
                node.set(name, array);
            } else {
                node.put(name, value);
            }
        }
    }

    public static String environmentName(String key) {
        StringBuilder b = new StringBuilder(PREFIX);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.') b.append('_');
            else if (Character.isUpperCase(c)) b.append('_').append(c);
            else b.append(Character.toUpperCase(c));
        }
        return b.toString();
    }

    private static String describe(JsonMappingException e, Map<String, String> sources) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!key.isEmpty()) key.append('.');
                key.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                key.append('[').append(r.getIndex()).append(']');
            }
        }
        String where = key.toString();
        String from = sources.containsKey(where) ? " (from " + sources.get(where) + ")" : "";
        if (e instanceof UnrecognizedPropertyException u) {
            return (where.isEmpty() ? u.getPropertyName() : where) + ": unknown key";
        }
        if (e instanceof InvalidFormatException f) {
            return where + from + ": '" + f.getValue() + "' is not " + expected(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return where + from + ": expected " + expected(m.getTargetType());
        }
        return where + from + ": " + firstLine(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type == null) return "a value of the right type";
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == String.class) return "text";
        if (List.class.isAssignableFrom(type)) return "a list";
        return "a " + type.getSimpleName() + " section";
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
