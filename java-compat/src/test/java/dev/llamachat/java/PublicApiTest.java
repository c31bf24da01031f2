package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * No public signature a Java caller meets mentions a Kotlin-only or Ktor type: no Continuation, kotlinx Flow,
 * function type, Unit, Companion, nor anything else from the kotlin, kotlinx or io.ktor packages. Checked by
 * reflection over every public class of dev.llamachat.java (the clients, their sessions and parameters; the internal
 * subpackage is not API) and of dev.llamachat (the models and exceptions), their supertypes, and their public
 * constructors, methods and fields, generic arguments included. Synthetic members (Kotlin's accessors) are skipped
 * because javac cannot see them. Kotlin-only entry points are exempt: {@code ChatApi} and {@code ChatSession}
 * (suspend functions and flows, which Java reaches through the clients), {@code ChatTurns} ({@code collectTurn}), and
 * the Kotlin client {@code LlamaCloudChat} with its configuration (which Java meets only in {@code wrap}). Every other
 * SDK type the clients' signatures reach, in any package, is checked too.
 */
class PublicApiTest {
    @Test
    void noPublicSignatureMentionsAKotlinOnlyType() throws Exception {
        List<Class<?>> api = publicClasses();
        List<String> violations = new ArrayList<>();
        for (Class<?> type : api) violations.addAll(violations(type));
        assertEquals(List.of(), violations);
    }

    @Test
    void noModelOrExceptionMentionsAKotlinOnlyType() throws Exception {
        List<String> violations = new ArrayList<>();
        for (Class<?> type : publicClasses(dev.llamachat.ChatEvent.class, KOTLIN_ONLY)) violations.addAll(violations(type));
        violations.removeAll(KOTLIN_ONLY_CONSTRUCTORS);
        assertEquals(List.of(), violations);
    }

    /**
     * The three events that carry free-form JSON have a constructor taking kotlinx JSON, for Kotlin code, which Kotlin
     * cannot hide from javac; Java builds them with its twin taking plain values ({@code Map}, {@code Object}) and reads
     * them through plain types ({@code arguments()}, {@code result()}, {@code fields()}). Any other constructor that
     * mentions kotlinx still fails.
     */
    private static final Set<String> KOTLIN_ONLY_CONSTRUCTORS = Set.of(
        "dev.llamachat.ChatEvent$ToolCall.<init> takes kotlinx.serialization.json.JsonObject",
        "dev.llamachat.ChatEvent$ToolResult.<init> takes kotlinx.serialization.json.JsonElement",
        "dev.llamachat.ChatEvent$Unknown.<init> takes kotlinx.serialization.json.JsonObject");

    /**
     * The Kotlin entry points (dev.llamachat's and the Kotlin client with its configuration, which Java meets only in
     * {@code wrap}, made for code that already holds one), and the opt-in marker of the internal API.
     */
    private static final Set<String> KOTLIN_ONLY = Set.of(
        "dev.llamachat.ChatApi", "dev.llamachat.ChatSession", "dev.llamachat.ChatTurns", "dev.llamachat.InternalLlamaChatApi",
        "dev.llamachat.ktor.LlamaCloudChat", "dev.llamachat.ktor.LlamaCloudChatConfig");

    /**
     * Every SDK type a Java caller meets through the clients, whatever its package (the ktor-transport types
     * {@code RequestOptions}, {@code ApiResponse} and {@code LogLevel} included), followed from signature to
     * signature, is as clean as the clients themselves.
     */
    @Test
    void everySdkTypeTheJavaApiReachesIsClean() throws Exception {
        Set<String> reached = reachedSdkTypes();
        assertTrue(reached.containsAll(Set.of("dev.llamachat.ktor.RequestOptions", "dev.llamachat.ktor.ApiResponse",
            "dev.llamachat.ktor.LogLevel", "dev.llamachat.Session", "dev.llamachat.ChatEvent$Stop")), reached.toString());
        List<String> violations = new ArrayList<>();
        for (String name : reached) violations.addAll(violations(Class.forName(name)));
        violations.removeAll(KOTLIN_ONLY_CONSTRUCTORS);
        assertEquals(List.of(), violations);
    }

    /**
     * The SDK types (outside the clients' own package) named in the public signatures of the clients, then in those
     * types' signatures, and so on, with their public nested classes, minus {@link #KOTLIN_ONLY}.
     */
    private static Set<String> reachedSdkTypes() throws Exception {
        Set<String> reached = new TreeSet<>();
        List<Class<?>> queue = new ArrayList<>(publicClasses());
        for (int i = 0; i < queue.size(); i++) {
            Class<?> type = queue.get(i);
            Set<String> named = new HashSet<>();
            for (Class<?> nested : type.getClasses()) named.add(nested.getName());
            for (Method method : type.getMethods()) {
                if (method.isSynthetic() || method.getDeclaringClass() == Object.class) continue;
                collect(method.getGenericReturnType(), named, new HashSet<>());
                for (Type parameter : method.getGenericParameterTypes()) collect(parameter, named, new HashSet<>());
                for (Type thrown : method.getGenericExceptionTypes()) collect(thrown, named, new HashSet<>());
            }
            for (String name : named) {
                if (!name.startsWith("dev.llamachat.") || name.startsWith("dev.llamachat.java.")) continue;
                if (KOTLIN_ONLY.contains(name.replaceAll("\\$.*", "")) || !reached.add(name)) continue;
                Class<?> found = Class.forName(name);
                if (isPublicApi(found)) queue.add(found);
                else reached.remove(name);
            }
        }
        return reached;
    }

    @Test
    void coversTheWholeApi() throws Exception {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : publicClasses()) names.add(type.getName());
        assertEquals(new TreeSet<>(List.of(
            "dev.llamachat.java.ChatSessionClient",
            "dev.llamachat.java.ChatSessionClientAsync",
            "dev.llamachat.java.ClientBuilder",
            "dev.llamachat.java.CreateSessionParams",
            "dev.llamachat.java.CreateSessionParams$Builder",
            "dev.llamachat.java.EventStream",
            "dev.llamachat.java.ListParams",
            "dev.llamachat.java.ListParams$Builder",
            "dev.llamachat.java.LlamaCloudChatClient",
            "dev.llamachat.java.LlamaCloudChatClient$WithRawResponse",
            "dev.llamachat.java.LlamaCloudChatClientAsync",
            "dev.llamachat.java.LlamaCloudChatClientAsync$WithRawResponse",
            "dev.llamachat.java.RequestScope",
            "dev.llamachat.java.RequestScope$Builder",
            "dev.llamachat.java.SessionIterable",
            "dev.llamachat.java.StreamParams",
            "dev.llamachat.java.StreamParams$Builder",
            "dev.llamachat.java.TitleParams",
            "dev.llamachat.java.TitleParams$Builder")), names);
    }

    /**
     * Kotlin gives a class whose constructor has default arguments, or is private and reached from a nested
     * builder, a public synthetic constructor ending in a DefaultConstructorMarker; javac hides it but javap, IDEs and
     * reflection show it, so no class of the Java API may have one. (Synthetic constructors count here.)
     */
    @Test
    void noPublicConstructorTakesADefaultConstructorMarker() throws Exception {
        List<String> found = new ArrayList<>();
        for (Class<?> type : publicClasses()) found.addAll(markerConstructors(type));
        assertEquals(List.of(), found);
    }

    @Test
    void theMarkerCheckCatchesOne() {
        assertEquals(1, markerConstructors(MarkedShape.class).size());
    }

    @SuppressWarnings("unused")
    public static class MarkedShape {
        public MarkedShape(String value, int mask, kotlin.jvm.internal.DefaultConstructorMarker marker) {
        }
    }

    private static List<String> markerConstructors(Class<?> type) {
        List<String> found = new ArrayList<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (!isVisible(constructor.getModifiers())) continue;
            for (Class<?> parameter : constructor.getParameterTypes()) {
                if (parameter.getName().equals("kotlin.jvm.internal.DefaultConstructorMarker")) found.add(constructor.toString());
            }
        }
        return found;
    }

    @Test
    void staticFactoriesAreStaticMethodsOfTheirClass() throws Exception {
        for (Class<?> type : List.of(StreamParams.class, CreateSessionParams.class, ListParams.class, TitleParams.class,
            RequestScope.class, LlamaCloudChatClient.class, LlamaCloudChatClientAsync.class)) {
            Method builder = type.getMethod("builder");
            assertTrue(Modifier.isStatic(builder.getModifiers()), type + ".builder() is static");
        }
        assertTrue(Modifier.isStatic(LlamaCloudChatClient.class.getMethod("fromEnv").getModifiers()));
        assertTrue(Modifier.isStatic(LlamaCloudChatClientAsync.class.getMethod("fromEnv").getModifiers()));
    }

    @Test
    void closeDeclaresNoCheckedException() throws Exception {
        assertEquals(0, LlamaCloudChatClient.class.getMethod("close").getExceptionTypes().length);
        assertEquals(0, LlamaCloudChatClientAsync.class.getMethod("close").getExceptionTypes().length);
        assertEquals(0, EventStream.class.getMethod("close").getExceptionTypes().length);
    }

    /** The check itself can fail: a class shaped like careless Kotlin output is caught on every count. */
    @Test
    void theCheckCatchesKotlinTypes() {
        List<String> found = violations(CarelessKotlinShape.class);
        assertEquals(6, found.size(), found.toString());
        assertTrue(found.stream().anyMatch(v -> v.contains("io.ktor.client.HttpClient")));
        assertTrue(found.stream().anyMatch(v -> v.contains("kotlin.coroutines.Continuation")));
        assertTrue(found.stream().anyMatch(v -> v.contains("kotlinx.coroutines.flow.Flow")));
        assertTrue(found.stream().anyMatch(v -> v.contains("kotlin.jvm.functions.Function1")));
        assertTrue(found.stream().anyMatch(v -> v.contains("kotlin.Unit")));
        assertTrue(found.stream().anyMatch(v -> v.contains("Companion")));
    }

    @SuppressWarnings("unused")
    public static class CarelessKotlinShape {
        public static final CarelessKotlinShape Companion = null;

        public Object ask(String prompt, kotlin.coroutines.Continuation<? super String> continuation) {
            return null;
        }

        public java.util.List<kotlinx.coroutines.flow.Flow<String>> flows() {
            return null;
        }

        public void onEvent(kotlin.jvm.functions.Function1<String, kotlin.Unit> callback) {
        }

        public void httpClient(io.ktor.client.HttpClient client) {
        }
    }

    private static List<Class<?>> publicClasses() throws Exception {
        return publicClasses(LlamaCloudChatClient.class, Set.of());
    }

    /** The public classes of {@code anchor}'s package (not its subpackages), from a directory or a jar. */
    static List<Class<?>> publicClasses(Class<?> anchor, Set<String> exempt) throws Exception {
        String packagePath = anchor.getPackageName().replace('.', '/') + "/";
        URL url = anchor.getResource(anchor.getSimpleName() + ".class");
        List<String> names = new ArrayList<>();
        if (url.getProtocol().equals("jar")) {
            try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(packagePath) && n.indexOf('/', packagePath.length()) < 0)
                    .forEach(n -> names.add(n.substring(packagePath.length())));
            }
        } else {
            names.addAll(List.of(new File(url.toURI()).getParentFile().list()));
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String file : names) {
            if (!file.endsWith(".class")) continue;
            String name = anchor.getPackageName() + "." + file.substring(0, file.length() - ".class".length());
            if (exempt.contains(name.replaceAll("\\$.*", ""))) continue;
            Class<?> type = Class.forName(name);
            if (isPublicApi(type)) classes.add(type);
        }
        assertFalse(classes.isEmpty());
        return classes;
    }

    private static boolean isPublicApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) return false;
        }
        return !type.isSynthetic() && !type.isAnonymousClass();
    }

    private static List<String> violations(Class<?> type) {
        List<String> found = new ArrayList<>();
        String where = type.getName();
        if (type.getSimpleName().equals("Companion")) found.add(where + " is a Companion class");
        check(found, where + " superclass", type.getGenericSuperclass());
        for (Type supertype : type.getGenericInterfaces()) check(found, where + " implements", supertype);
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (isVisible(constructor.getModifiers()) && !constructor.isSynthetic()) checkExecutable(found, where + ".<init>", constructor);
        }
        for (Method method : type.getDeclaredMethods()) {
            if (!isVisible(method.getModifiers()) || method.isSynthetic() || method.isBridge()) continue;
            String name = where + "." + method.getName();
            checkExecutable(found, name, method);
            check(found, name + " returns", method.getGenericReturnType());
        }
        for (Field field : type.getDeclaredFields()) {
            if (!isVisible(field.getModifiers()) || field.isSynthetic()) continue;
            if (field.getName().equals("Companion")) found.add(where + ".Companion is a Companion field");
            check(found, where + "." + field.getName(), field.getGenericType());
        }
        return found;
    }

    private static boolean isVisible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void checkExecutable(List<String> found, String name, Executable executable) {
        for (Type parameter : executable.getGenericParameterTypes()) check(found, name + " takes", parameter);
        for (Type thrown : executable.getGenericExceptionTypes()) check(found, name + " throws", thrown);
        for (TypeVariable<?> variable : executable.getTypeParameters()) {
            for (Type bound : variable.getBounds()) check(found, name + " bound", bound);
        }
    }

    private static void check(List<String> found, String where, Type type) {
        Set<String> names = new HashSet<>();
        collect(type, names, new HashSet<>());
        for (String name : new TreeSet<>(names)) {
            if (name.startsWith("kotlin.") || name.startsWith("kotlinx.") || name.startsWith("io.ktor.")) found.add(where + " " + name);
        }
    }

    private static void collect(Type type, Set<String> names, Set<Type> seen) {
        if (type == null || !seen.add(type)) return;
        if (type instanceof Class<?> c) {
            names.add(c.isArray() ? c.getComponentType().getName() : c.getName());
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), names, seen);
            for (Type argument : p.getActualTypeArguments()) collect(argument, names, seen);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) collect(bound, names, seen);
            for (Type bound : w.getLowerBounds()) collect(bound, names, seen);
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), names, seen);
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) collect(bound, names, seen);
        }
    }
}
