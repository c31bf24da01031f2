package dev.llamachat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a Java compiler can see of core's public package is plain Java: no public member of a public class
 * mentions a Kotlin, kotlinx or Ktor type, and the models have records-style accessors only. Members marked
 * synthetic (Kotlin's {@code @JvmSynthetic}, default-argument bridges) are invisible to javac and are skipped.
 */
class JavaVisibleApiTest {
    /** Kotlin-first entry points: coroutines and Flow are their point. Java uses java-compat's clients instead. */
    private static final Set<String> KOTLIN_ONLY = Set.of(
        "dev.llamachat.ChatApi", "dev.llamachat.ChatApi$DefaultImpls", "dev.llamachat.ChatSession",
        "dev.llamachat.ChatTurns" /* collectTurn */);

    /**
     * Constructors that take a kotlinx JSON value: Kotlin code (fakes, testkit) builds events with them. Java code
     * receives events from the SDK and never needs to build one; it reads their JSON through plain accessors.
     */
    private static final Set<String> KOTLIN_CONSTRUCTORS = Set.of(
        "dev.llamachat.ChatEvent$ToolCall", "dev.llamachat.ChatEvent$ToolResult", "dev.llamachat.ChatEvent$Unknown");

    /** The public models: beyond plain types, they have records-style accessors only. */
    private static final List<Class<?>> MODELS = List.of(
        SessionSummary.class, Session.class, JobMetadata.class, Usage.class, ImageAttachment.class, Page.class,
        ChatTurn.class, ToolUse.class, ChatEvent.class, ChatEvent.ThinkingDelta.class, ChatEvent.TextDelta.class,
        ChatEvent.Thinking.class, ChatEvent.Text.class, ChatEvent.UserInput.class, ChatEvent.ToolCall.class,
        ChatEvent.ToolResult.class, ChatEvent.Stop.class, ChatEvent.Unknown.class, ChatEvent.Visitor.class);

    private static final Pattern FOREIGN = Pattern.compile("\\b(kotlin|kotlinx|io\\.ktor)\\.");
    private static final Pattern KOTLIN_SHAPED = Pattern.compile("get[A-Z].*|component\\d+|copy(\\$default)?|serializer|write\\$Self.*");

    @Test
    void noPublicMemberOfThePublicPackageMentionsKotlinTypes() throws Exception {
        List<String> found = new ArrayList<>();
        int checked = 0;
        for (Class<?> type : publicClasses()) {
            if (KOTLIN_ONLY.contains(type.getName())) continue;
            checked++;
            check(found, type.getName() + " extends", type.getGenericSuperclass());
            for (Type i : type.getGenericInterfaces()) check(found, type.getName() + " implements", i);
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m)) check(found, m, m.getGenericReturnType(), m.getGenericParameterTypes());
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c) && !KOTLIN_CONSTRUCTORS.contains(type.getName())) check(found, c, null, c.getGenericParameterTypes());
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f)) check(found, type.getName() + "." + f.getName(), f.getGenericType());
            }
        }
        assertTrue(checked > MODELS.size(), "the scan found the package's classes");
        assertEquals(List.of(), found);
    }

    @Test
    void modelsHaveRecordsStyleAccessorsOnly() {
        List<String> found = new ArrayList<>();
        for (Class<?> model : MODELS) {
            for (Method m : model.getDeclaredMethods()) {
                if (!visible(m)) continue;
                if (KOTLIN_SHAPED.matcher(m.getName()).matches()) found.add(model.getName() + "." + m.getName());
            }
            for (Field f : model.getDeclaredFields()) {
                if (visible(f)) found.add(model.getName() + "." + f.getName() + " (a public field, such as a Companion)");
            }
            for (Class<?> nested : model.getDeclaredClasses()) {
                if (Modifier.isPublic(nested.getModifiers()) && !ChatEvent.class.isAssignableFrom(nested)
                    && nested != ChatEvent.Visitor.class) {
                    found.add(nested.getName() + " (a public nested class, such as a Companion)");
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void optionalFieldsHaveOneAccessorAndItIsAnOptional() throws Exception {
        assertEquals(java.util.Optional.class, SessionSummary.class.getMethod("generatedTitle").getReturnType());
        assertEquals(java.util.Optional.class, SessionSummary.class.getMethod("lastUpdated").getReturnType());
        assertEquals(String.class, SessionSummary.class.getMethod("lastUpdatedAt").getReturnType());
        assertEquals(java.util.OptionalLong.class, Usage.class.getMethod("turns").getReturnType());
        assertEquals(java.util.OptionalDouble.class, JobMetadata.class.getMethod("durationMs").getReturnType());
        assertEquals(java.util.Optional.class, JobMetadata.class.getMethod("isError").getReturnType());
        assertEquals(boolean.class, ChatEvent.Stop.class.getMethod("isError").getReturnType());
        long lastUpdatedAccessors = Arrays.stream(SessionSummary.class.getMethods())
            .filter(JavaVisibleApiTest::visible).filter(m -> m.getName().startsWith("lastUpdated")).count();
        assertEquals(2, lastUpdatedAccessors, "lastUpdatedAt() and lastUpdated(), no third");
    }

    private static boolean visible(Member member) {
        return Modifier.isPublic(member.getModifiers()) && !member.isSynthetic();
    }

    private static void check(List<String> found, Executable where, Type returned, Type[] parameters) {
        String name = where.getDeclaringClass().getName() + "." + where.getName();
        if (returned != null) check(found, name + " returns", returned);
        for (Type p : parameters) check(found, name + " takes", p);
    }

    private static void check(List<String> found, String where, Type type) {
        if (type == null) return;
        Set<String> names = new TreeSet<>();
        collect(type, names);
        for (String n : names) if (FOREIGN.matcher(n).lookingAt()) found.add(where + " " + n);
    }

    private static void collect(Type type, Set<String> names) {
        if (type instanceof Class<?>) {
            Class<?> c = (Class<?>) type;
            names.add(c.isArray() ? c.getComponentType().getName() : c.getName());
        } else if (type instanceof ParameterizedType) {
            ParameterizedType p = (ParameterizedType) type;
            collect(p.getRawType(), names);
            for (Type a : p.getActualTypeArguments()) collect(a, names);
        } else if (type instanceof WildcardType) {
            for (Type b : ((WildcardType) type).getUpperBounds()) collect(b, names);
            for (Type b : ((WildcardType) type).getLowerBounds()) collect(b, names);
        } else if (type instanceof GenericArrayType) {
            collect(((GenericArrayType) type).getGenericComponentType(), names);
        } else if (type instanceof TypeVariable<?>) {
            for (Type b : ((TypeVariable<?>) type).getBounds()) collect(b, names);
        }
    }

    /** Every public class of core's dev.llamachat package (not its internal subpackage), nested ones included. */
    private static List<Class<?>> publicClasses() throws Exception {
        File dir = new File(new File(ChatEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI()), "dev/llamachat");
        List<Class<?>> classes = new ArrayList<>();
        String[] files = dir.list((d, n) -> n.endsWith(".class"));
        Arrays.sort(files);
        for (String file : files) {
            Class<?> c = Class.forName("dev.llamachat." + file.substring(0, file.length() - ".class".length()), false,
                JavaVisibleApiTest.class.getClassLoader());
            if (Modifier.isPublic(c.getModifiers()) && !c.isSynthetic() && !c.isAnonymousClass()) classes.add(c);
        }
        return classes;
    }
}
