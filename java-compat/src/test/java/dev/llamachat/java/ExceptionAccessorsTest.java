package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamachat.LlamaCloudException;
import dev.llamachat.ktor.ApiResponse;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The SDK's exceptions read like its models: {@code status()}, {@code body()} as an {@code Optional}, no
 * {@code getStatus()}. Checked by reflection over every public exception class of dev.llamachat, and over
 * {@code ApiResponse} (what {@code withRawResponse()} returns): no public {@code getX()} but those of
 * {@link Throwable} and {@link Object}, and no {@code x()} or {@code getX()} with the parameters of an {@code Optional}
 * accessor {@code x()} beside it. Synthetic members (Kotlin's accessors for Kotlin callers) are skipped because javac
 * cannot see them.
 */
class ExceptionAccessorsTest {
    @Test
    void exceptionsAndRawResponsesHaveOneAccessorStyle() throws Exception {
        List<Class<?>> types = exceptionClasses();
        types.add(ApiResponse.class);
        Set<String> violations = new TreeSet<>();
        for (Class<?> type : types) violations.addAll(violations(type));
        assertEquals(Set.of(), violations);
    }

    @Test
    void coversEveryException() throws Exception {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : exceptionClasses()) names.add(type.getSimpleName());
        assertEquals(new TreeSet<>(List.of(
            "ApiException", "BadRequestException", "ConflictException", "EventTooLargeException",
            "InternalServerException", "LlamaCloudException", "LlamaCloudIoException", "LlamaCloudTimeoutException",
            "MalformedEventException", "NotFoundException", "PermissionDeniedException", "RateLimitException",
            "StreamEndedBeforeStopException", "StreamException", "StreamIdleTimeoutException",
            "StreamInterruptedException", "UnauthorizedException", "UnexpectedResponseException",
            "UnprocessableEntityException")), names);
    }

    /** The check itself can fail: a getter, and a nullable getter beside its Optional accessor, are caught. */
    @Test
    void theCheckCatchesGettersAndNullableTwins() {
        assertEquals(Set.of(
            CarelessException.class.getName() + ".getBody is a getter",
            CarelessException.class.getName() + ".getBody is a nullable twin of body",
            CarelessException.class.getName() + ".getStatus is a getter"), violations(CarelessException.class));
    }

    @SuppressWarnings("unused")
    public static class CarelessException extends RuntimeException {
        public int getStatus() {
            return 0;
        }

        public String getBody() {
            return null;
        }

        public Optional<String> body() {
            return Optional.empty();
        }
    }

    private static List<Class<?>> exceptionClasses() throws Exception {
        List<Class<?>> exceptions = new ArrayList<>();
        for (Class<?> type : PublicApiTest.publicClasses(LlamaCloudException.class, Set.of())) {
            if (Throwable.class.isAssignableFrom(type)) exceptions.add(type);
        }
        return exceptions;
    }

    private static Set<String> violations(Class<?> type) {
        List<Method> visible = new ArrayList<>();
        for (Method method : type.getMethods()) {
            Class<?> owner = method.getDeclaringClass();
            if (method.isSynthetic() || method.isBridge() || owner == Throwable.class || owner == Object.class) continue;
            visible.add(method);
        }
        Set<String> found = new TreeSet<>();
        for (Method method : visible) {
            String name = method.getName();
            String where = method.getDeclaringClass().getName() + "." + name;
            if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) found.add(where + " is a getter");
            if (method.getReturnType() != Optional.class) continue;
            String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (Method twin : visible) {
                boolean sameName = twin.getName().equals(name) || twin.getName().equals(getter);
                if (twin != method && sameName && Arrays.equals(twin.getParameterTypes(), method.getParameterTypes())) {
                    found.add(twin.getDeclaringClass().getName() + "." + twin.getName() + " is a nullable twin of " + name);
                }
            }
        }
        return found;
    }
}
