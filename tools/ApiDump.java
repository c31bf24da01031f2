import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one module as Java sees it, compared with the committed dump (api/&lt;artifactId&gt;.api).
 *
 * <p>Run by the build in `verify` (exec-maven-plugin, as a single-file Java program, so it costs one JVM and no
 * compile step): {@code java tools/ApiDump.java <classes dir> <api file> <update: true|false>}. It asks javap for
 * the public and protected members of every class outside an {@code internal} package, drops what Java cannot
 * call (members whose names contain {@code $} or {@code -}: Kotlin's mangled internal and value-class members,
 * synthetic accessors and
 * {@code $default} bridges, synthetic default-argument and deserializing constructors, kotlinx-serialization's
 * generated {@code $$serializer} classes), and sorts the result so the file changes only when the API does. Bytecode is the
 * judge: a Kotlin {@code internal} constructor or a leaked internal type shows here because Java can reach it.
 */
public final class ApiDump {
    private static final String REGENERATE =
        "mvn -B -q -Dapi.update=true -Dmaven.test.skip=true -Ddokka.skip=true -Dconsumer.check.skip=true -pl core,testkit,ktor-transport,java-compat -am verify";

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ApiDump <classes dir> <api file> <update: true|false>");
        }
        Path classes = Path.of(args[0]);
        Path apiFile = Path.of(args[1]);
        boolean update = Boolean.parseBoolean(args[2]);

        String dump = dump(classes);
        String committed = Files.exists(apiFile) ? Files.readString(apiFile, StandardCharsets.UTF_8) : null;
        if (dump.equals(committed)) return;
        if (update) {
            Files.createDirectories(apiFile.getParent());
            Files.writeString(apiFile, dump, StandardCharsets.UTF_8);
            System.out.println("[api] wrote " + apiFile);
            return;
        }
        System.err.println(difference(committed == null ? "" : committed, dump));
        System.err.println("[api] The public API of " + classes.getParent().getParent().getFileName()
            + " differs from " + apiFile + (committed == null ? " (missing)" : "") + ".");
        System.err.println("[api] If the change is intended, regenerate the dumps and commit them: " + REGENERATE);
        System.exit(1);
    }

    /** javap's view of every public class outside internal packages, one block per class, sorted. */
    static String dump(Path classes) throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class"))
                .filter(p -> !p.getFileName().toString().equals("module-info.class"))
                .filter(p -> !classes.relativize(p).toString().replace('\\', '/').matches("(.*/)?internal/.*"))
                .map(Path::toString)
                .sorted()
                .collect(Collectors.toList());
        }
        if (files.isEmpty()) return "";
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> javapArgs = new ArrayList<>(List.of("-protected"));
        javapArgs.addAll(files);
        int status = javap.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, javapArgs.toArray(new String[0]));
        if (status != 0) throw new IllegalStateException("javap failed: " + status);

        TreeMap<String, String> blocks = new TreeMap<>();
        String header = null;
        List<String> members = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("Compiled from")) continue;
            if (header == null) {
                if (line.endsWith("{")) header = line.substring(0, line.length() - 1).trim();
                continue;
            }
            if (line.equals("}")) {
                members.sort(null);
                // Package-private classes (lambdas, continuations, when-mappings) are not API.
                // kotlinx-serialization's generated $$serializer classes are the plugin's, not the SDK's, promise.
                if (header.startsWith("public ") && !header.contains("$$serializer")) {
                    blocks.put(header, header + " {\n" + members.stream().map(m -> "  " + m + "\n").collect(Collectors.joining()) + "}\n");
                }
                header = null;
                members.clear();
                continue;
            }
            String member = line.trim();
            // Synthetic default-argument constructors take a DefaultConstructorMarker; javac refuses to call them.
            // The same for kotlinx-serialization's synthetic deserializing constructors (SerializationConstructorMarker).
            // Names with "-" are Kotlin's value-class mangling (getTimeout-UwyO8pc): not Java identifiers either.
            if (member.isEmpty() || memberName(member).contains("$") || memberName(member).contains("-")
                || member.contains("DefaultConstructorMarker")
                || member.contains("SerializationConstructorMarker")) continue;
            members.add(member);
        }
        return String.join("\n", blocks.values());
    }

    /**
     * The name in a javap member line: the word before "(" for methods, the last word for fields, and for a
     * constructor (javap names it by its class, dots included) the class's simple name, whose "$" (a nested class's)
     * is no mangling.
     */
    private static String memberName(String member) {
        String head = member.contains("(") ? member.substring(0, member.indexOf('(')) : member.replace(";", "");
        String name = head.substring(head.lastIndexOf(' ') + 1);
        return name.contains(".") ? name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1) : name;
    }

    /** Per class, the members only in one of the two dumps: - (committed) and + (built). */
    private static String difference(String committed, String built) {
        Map<String, List<String>> before = blocks(committed);
        Map<String, List<String>> after = blocks(built);
        TreeSet<String> classes = new TreeSet<>(before.keySet());
        classes.addAll(after.keySet());
        StringBuilder diff = new StringBuilder();
        for (String cls : classes) {
            List<String> old = before.get(cls);
            List<String> now = after.get(cls);
            if (old == null) { diff.append("[api] + ").append(cls).append('\n'); continue; }
            if (now == null) { diff.append("[api] - ").append(cls).append('\n'); continue; }
            if (old.equals(now)) continue;
            diff.append("[api]   ").append(cls).append('\n');
            old.stream().filter(m -> !now.contains(m)).forEach(m -> diff.append("[api] -   ").append(m).append('\n'));
            now.stream().filter(m -> !old.contains(m)).forEach(m -> diff.append("[api] +   ").append(m).append('\n'));
        }
        return diff.toString();
    }

    /** A dump split into its classes: header line to member lines. */
    private static Map<String, List<String>> blocks(String dump) {
        Map<String, List<String>> blocks = new TreeMap<>();
        List<String> members = null;
        for (String line : dump.split("\n")) {
            if (line.endsWith(" {")) {
                members = new ArrayList<>();
                blocks.put(line.substring(0, line.length() - 2), members);
            } else if (line.startsWith("  ") && members != null) {
                members.add(line.trim());
            }
        }
        return blocks;
    }
}
