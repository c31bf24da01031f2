import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the Java and Kotlin code blocks of the READMEs into the consumer-check projects, verbatim, so that the
 * documentation is compiled and run against the artifacts and cannot drift from them.
 *
 * <p>{@code java tools/ReadmeSnippets.java <projects dir> <their sources> <README.md>...}: the projects directory
 * is the build's copy of the sources (consumer-check/src/it), which must not hold the README's files themselves. Each ```java or ```kotlin block must
 * follow, on the line before its fence, a marker naming where it goes (one or more paths, relative to the projects
 * directory): {@code <!-- consumer-check: java-app/src/main/java/com/example/Quickstart.java -->}. A block
 * without a marker, a marker without a block, or a path that the projects' sources already hold fails the build.
 */
public final class ReadmeSnippets {
    private static final String MARKER = "<!-- consumer-check:";

    public static void main(String[] args) throws IOException {
        if (args.length < 3) throw new IllegalArgumentException("usage: ReadmeSnippets <projects dir> <their sources> <README.md>...");
        Path projects = Path.of(args[0]);
        Path sources = Path.of(args[1]);
        List<String> problems = new ArrayList<>();
        int written = 0;
        for (int i = 2; i < args.length; i++) {
            written += extract(Path.of(args[i]), projects, sources, problems);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("[consumer-check] " + p));
            System.exit(1);
        }
        System.out.println("[consumer-check] " + written + " README code blocks written into " + projects);
    }

    private static int extract(Path readme, Path projects, Path sources, List<String> problems) throws IOException {
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        int written = 0;
        List<String> targets = null;
        int markerLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = readme + ":" + (i + 1);
            if (line.startsWith(MARKER)) {
                targets = List.of(line.substring(MARKER.length(), line.lastIndexOf("-->")).trim().split("\\s+"));
                markerLine = i;
                continue;
            }
            boolean code = line.equals("```java") || line.equals("```kotlin");
            if (!code) {
                if (targets != null && !line.isBlank()) {
                    problems.add(readme + ":" + (markerLine + 1) + ": a consumer-check marker must come right before a ```java or ```kotlin block");
                    targets = null;
                }
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).equals("```")) end++;
            if (end == lines.size()) {
                problems.add(where + ": unterminated code block");
                return written;
            }
            if (targets == null) {
                problems.add(where + ": a " + line.substring(3) + " block without a consumer-check marker (every README code block is compiled)");
            } else {
                String body = String.join("\n", lines.subList(i + 1, end)) + "\n";
                for (String target : targets) {
                    Path file = projects.resolve(target).normalize();
                    if (!file.startsWith(projects.normalize())) {
                        problems.add(where + ": " + target + " is outside the consumer projects");
                    } else if (Files.exists(sources.resolve(target))) {
                        problems.add(where + ": " + sources.resolve(target) + " exists; README's block is its only source");
                    } else {
                        Files.createDirectories(file.getParent());
                        Files.writeString(file, body, StandardCharsets.UTF_8);
                        written++;
                    }
                }
            }
            targets = null;
            i = end;
        }
        if (targets != null) problems.add(readme + ":" + (markerLine + 1) + ": a consumer-check marker without a code block");
        return written;
    }
}
