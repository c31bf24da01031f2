package dev.llamachat.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The parameter objects: builders, validation at build() with clear messages, immutability, value semantics. */
class ParamsTest {
    private static final String PROJECT = "8c0a5d2e-2f9c-4a8e-9d51-0d6f4b1e6c3a";
    private static final String ORG = "0b7e6a52-6f1d-4c53-9a7e-2d1c5f3e8b90";

    private static String message(Runnable build) {
        return assertThrows(IllegalArgumentException.class, build::run).getMessage();
    }

    @Nested
    class Stream {
        @Test
        void buildsWithEveryValue() {
            StreamParams params = StreamParams.builder()
                .prompt("What were the main findings in Q3?")
                .addIndexId("idx-demo")
                .addIndexId("idx-handbook")
                .organizationId(ORG)
                .projectId(PROJECT)
                .build();
            assertEquals("What were the main findings in Q3?", params.prompt());
            assertEquals(List.of("idx-demo", "idx-handbook"), params.indexIds());
            assertEquals(Optional.of(ORG), params.organizationId());
            assertEquals(Optional.of(PROJECT), params.projectId());
        }

        @Test
        void leavesOptionalValuesEmpty() {
            StreamParams params = StreamParams.builder().prompt("hi").build();
            assertEquals(List.of(), params.indexIds());
            assertEquals(Optional.empty(), params.organizationId());
            assertEquals(Optional.empty(), params.projectId());
        }

        @Test
        void requiresAPrompt() {
            assertEquals("StreamParams: prompt is required; set it with prompt(...) before build()",
                message(() -> StreamParams.builder().addIndexId("idx-demo").build()));
        }

        @Test
        void rejectsABlankPrompt() {
            assertEquals("StreamParams: prompt must not be blank", message(() -> StreamParams.builder().prompt("  ").build()));
        }

        @Test
        void rejectsAPromptOverTheServiceLimit() {
            String prompt = "x".repeat(1001);
            assertEquals("StreamParams: prompt is 1001 characters; the service accepts at most 1000",
                message(() -> StreamParams.builder().prompt(prompt).build()));
            assertEquals(1000, StreamParams.builder().prompt("x".repeat(1000)).build().prompt().length());
        }

        @Test
        void rejectsBlankAndNullIndexIds() {
            assertEquals("StreamParams: indexIds[1] must not be blank",
                message(() -> StreamParams.builder().prompt("hi").addIndexId("idx-demo").addIndexId("").build()));
            assertEquals("StreamParams: indexIds[0] must not be null",
                message(() -> StreamParams.builder().prompt("hi").indexIds(Arrays.asList((String) null)).build()));
        }

        @Test
        void rejectsIdsThatAreNotUuids() {
            assertEquals("StreamParams: organizationId must be a UUID, was 'acme'",
                message(() -> StreamParams.builder().prompt("hi").organizationId("acme").build()));
            assertEquals("StreamParams: projectId must be a UUID, was 'not-a-uuid'",
                message(() -> StreamParams.builder().prompt("hi").projectId("not-a-uuid").build()));
        }

        @Test
        void copiesTheCallersListAndHandsOutAnUnmodifiableOne() {
            List<String> ids = new ArrayList<>(List.of("idx-demo"));
            StreamParams params = StreamParams.builder().prompt("hi").indexIds(ids).build();
            ids.add("idx-handbook");
            assertEquals(List.of("idx-demo"), params.indexIds());
            assertThrows(UnsupportedOperationException.class, () -> params.indexIds().add("x"));
        }

        @Test
        void hasValueSemanticsAndABuilderCopy() {
            StreamParams a = TestClients.turn("hi", "idx-demo");
            StreamParams b = TestClients.turn("hi", "idx-demo");
            assertEquals(a, b);
            assertEquals(a.hashCode(), b.hashCode());
            assertNotEquals(a, TestClients.turn("hello", "idx-demo"));
            assertEquals("StreamParams{prompt=hi, indexIds=[idx-demo], organizationId=null, projectId=null}", a.toString());
            StreamParams next = a.toBuilder().prompt("And Q4?").build();
            assertEquals("And Q4?", next.prompt());
            assertEquals(a.indexIds(), next.indexIds());
            assertEquals("hi", a.prompt());
        }

        @Test
        void builderCanBeReusedWithoutChangingBuiltParams() {
            StreamParams.Builder builder = StreamParams.builder().prompt("hi").addIndexId("idx-demo");
            StreamParams first = builder.build();
            builder.addIndexId("idx-handbook");
            assertEquals(List.of("idx-demo"), first.indexIds());
            assertEquals(List.of("idx-demo", "idx-handbook"), builder.build().indexIds());
        }
    }

    @Nested
    class Create {
        @Test
        void isUnboundUnlessGivenIndexes() {
            assertEquals(Optional.empty(), CreateSessionParams.builder().build().indexIds());
            assertEquals(Optional.of(List.of()), CreateSessionParams.builder().indexIds(List.of()).build().indexIds());
            assertEquals(Optional.of(List.of("idx-demo")), CreateSessionParams.builder().addIndexId("idx-demo").build().indexIds());
        }

        @Test
        void validatesIndexesAndIds() {
            assertEquals("CreateSessionParams: indexIds[0] must not be blank",
                message(() -> CreateSessionParams.builder().addIndexId(" ").build()));
            assertEquals("CreateSessionParams: projectId must be a UUID, was '42'",
                message(() -> CreateSessionParams.builder().projectId("42").build()));
        }

        @Test
        void hasValueSemantics() {
            CreateSessionParams a = CreateSessionParams.builder().addIndexId("idx-demo").projectId(PROJECT).build();
            assertEquals(a, a.toBuilder().build());
            assertEquals(a.hashCode(), a.toBuilder().build().hashCode());
            assertNotEquals(a, a.toBuilder().indexIds(null).build());
            assertEquals("CreateSessionParams{indexIds=[idx-demo], organizationId=null, projectId=" + PROJECT + "}", a.toString());
        }
    }

    @Nested
    class Listing {
        @Test
        void defaultsToTheServicesPaging() {
            ListParams params = ListParams.builder().build();
            assertEquals(OptionalInt.empty(), params.pageSize());
            assertEquals(Optional.empty(), params.pageToken());
        }

        @Test
        void acceptsPageSizesOneToOneHundred() {
            assertEquals(OptionalInt.of(1), ListParams.builder().pageSize(1).build().pageSize());
            assertEquals(OptionalInt.of(100), ListParams.builder().pageSize(100).build().pageSize());
            assertEquals("ListParams: pageSize must be in 1..100, was 0", message(() -> ListParams.builder().pageSize(0).build()));
            assertEquals("ListParams: pageSize must be in 1..100, was 101", message(() -> ListParams.builder().pageSize(101).build()));
        }

        @Test
        void rejectsAnEmptyPageToken() {
            assertEquals("ListParams: pageToken must not be empty; pass null for the first page",
                message(() -> ListParams.builder().pageToken("").build()));
        }

        @Test
        void hasValueSemantics() {
            ListParams a = ListParams.builder().pageSize(5).pageToken("t1").build();
            assertEquals(a, a.toBuilder().build());
            assertNotEquals(a, a.toBuilder().pageToken("t2").build());
            assertEquals("ListParams{pageSize=5, pageToken=t1, organizationId=null, projectId=null}", a.toString());
        }
    }

    @Nested
    class Title {
        @Test
        void requiresAFirstMessage() {
            assertEquals("TitleParams: firstMessage is required; set it with firstMessage(...) before build()",
                message(() -> TitleParams.builder().build()));
            assertEquals("TitleParams: firstMessage must not be blank", message(() -> TitleParams.builder().firstMessage("").build()));
        }

        @Test
        void hasValueSemantics() {
            TitleParams a = TitleParams.builder().firstMessage("Quarterly results").build();
            assertEquals("Quarterly results", a.firstMessage());
            assertEquals(a, a.toBuilder().build());
            assertEquals("TitleParams{firstMessage=Quarterly results, organizationId=null, projectId=null}", a.toString());
        }
    }

    @Nested
    class Scope {
        @Test
        void holdsOrganizationAndProject() {
            RequestScope scope = RequestScope.builder().organizationId(ORG).projectId(PROJECT).build();
            assertEquals(Optional.of(ORG), scope.organizationId());
            assertEquals(Optional.of(PROJECT), scope.projectId());
            assertEquals(scope, scope.toBuilder().build());
            assertFalse(RequestScope.builder().build().projectId().isPresent());
        }

        @Test
        void rejectsIdsThatAreNotUuids() {
            assertEquals("RequestScope: organizationId must be a UUID, was 'org-1'",
                message(() -> RequestScope.builder().organizationId("org-1").build()));
        }

        @Test
        void acceptsUppercaseUuids() {
            assertTrue(RequestScope.builder().projectId(PROJECT.toUpperCase()).build().projectId().isPresent());
        }
    }
}
