package io.berth.server.aws.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryFormTest {
    private static final Field NAME = Field.text("UserName", 1, 64, "[\\w+=,.@-]+");

    private static QueryForm form(String body) {
        return QueryForm.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertValidation(String message, Runnable action) {
        QueryException e = assertThrows(QueryException.class, action::run);
        assertEquals("ValidationError", e.code());
        assertEquals(400, e.status());
        assertEquals(message, e.getMessage());
    }

    /** The exact body botocore serializes for iam.create_user(UserName, Path, Tags). */
    @Test
    void readsWhatBotocoreSends() {
        QueryForm form = form("Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Fdev%2F"
                + "&Tags.member.1.Key=team&Tags.member.1.Value=blue+sky&Tags.member.2.Key=k2&Tags.member.2.Value=");
        assertEquals(Optional.of("CreateUser"), form.action());
        assertEquals("2010-05-08", form.version("x"));
        assertEquals("alice", form.required(NAME));
        assertEquals(Optional.of("/dev/"), form.string(Field.text("Path", 1, 512)));
        assertEquals(Map.of("team", "blue sky", "k2", ""), form.tags("Tags"));
    }

    @Test
    void decodesPercentEscapesAsUtf8AndPlusAsSpace() {
        QueryForm form = form("PolicyDocument=%7B%22a%22%3A+%22b%2Bc%22%7D&Name=%C3%A9t%C3%A9");
        assertEquals("{\"a\": \"b+c\"}", form.required(Field.text("PolicyDocument", 1, 100)));
        assertEquals("été", form.required(Field.text("Name", 1, 10)));
    }

    @Test
    void aNameWithoutValueIsEmptyAndEmptyPairsAreSkipped() {
        QueryForm form = form("Action=ListUsers&&Marker&Tags=");
        assertTrue(form.has("Marker"));
        assertTrue(form.has("Tags"));
        assertEquals(Map.of(), form.tags("Tags"));
        assertValidation("1 validation error detected: Value '' at 'marker' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1", () -> form.string(Field.text("Marker", 1, 9)));
    }

    @Test
    void aBrokenPercentEscapeIsMalformed() {
        QueryException e = assertThrows(QueryException.class, () -> form("UserName=%ZZ"));
        assertEquals("MalformedQueryString", e.code());
        assertEquals(400, e.status());
    }

    @Test
    void missingActionAndDefaultVersion() {
        QueryForm form = form("UserName=a");
        assertEquals(Optional.empty(), form.action());
        assertEquals("2010-05-08", form.version("2010-05-08"));
        assertEquals(Optional.empty(), form("Action=").action());
    }

    @Test
    void requiredMemberMissing() {
        assertValidation("1 validation error detected: Value null at 'userName' failed to satisfy constraint: "
                + "Member must not be null", () -> form("Action=GetUser").required(NAME));
    }

    @Test
    void patternLengthAndEnumConstraints() {
        assertValidation("1 validation error detected: Value 'a b' at 'userName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
                () -> form("UserName=a+b").required(NAME));
        String tooLong = "u".repeat(65);
        assertValidation("1 validation error detected: Value '" + tooLong + "' at 'userName' failed to satisfy "
                + "constraint: Member must have length less than or equal to 64",
                () -> form("UserName=" + tooLong).required(NAME));
        Field status = Field.oneOf("Status", "Active", "Inactive");
        assertValidation("1 validation error detected: Value 'On' at 'status' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [Active, Inactive]", () -> form("Status=On").required(status));
        assertEquals("Inactive", form("Status=Inactive").required(status));
    }

    @Test
    void integersWithinRange() {
        assertEquals(Optional.of(900), form("DurationSeconds=900").integer("DurationSeconds", 900, 43200));
        assertEquals(Optional.empty(), form("").integer("DurationSeconds", 900, 43200));
        assertValidation("1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy "
                + "constraint: Member must have value greater than or equal to 900",
                () -> form("DurationSeconds=899").integer("DurationSeconds", 900, 43200));
        assertValidation("1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy "
                + "constraint: Member must have value less than or equal to 43200",
                () -> form("DurationSeconds=43201").integer("DurationSeconds", 900, 43200));
        assertValidation("1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: "
                + "Member must be a number", () -> form("MaxItems=ten").integer("MaxItems", 1, 1000));
    }

    @Test
    void booleans() {
        assertEquals(Optional.of(true), form("OnlyAttached=true").bool("OnlyAttached"));
        assertEquals(Optional.of(false), form("OnlyAttached=False").bool("OnlyAttached"));
        assertEquals(Optional.empty(), form("").bool("OnlyAttached"));
        assertValidation("1 validation error detected: Value 'yes' at 'onlyAttached' failed to satisfy "
                + "constraint: Member must be a boolean", () -> form("OnlyAttached=yes").bool("OnlyAttached"));
    }

    @Test
    void listsAreReadInIndexOrder() {
        QueryForm form = form("Keys.member.10=c&Keys.member.2=b&Keys.member.1=a&KeysOther.member.1=x");
        assertEquals(List.of("a", "b", "c"), form.list("Keys", Field.text("Key", 1, 5), 10));
        assertValidation("1 validation error detected: Value '[...]' at 'keys' failed to satisfy constraint: "
                + "Member must have length less than or equal to 2",
                () -> form.list("Keys", Field.text("Key", 1, 5), 2));
        assertValidation("1 validation error detected: Value 'toolong' at 'keys.1.member' failed to satisfy "
                + "constraint: Member must have length less than or equal to 5",
                () -> form("Keys.member.1=toolong").list("Keys", Field.text("Key", 1, 5), 10));
    }

    @Test
    void structListsAndMaps() {
        QueryForm form = form("PolicyArns.member.2.arn=b&PolicyArns.member.1.arn=a"
                + "&Attributes.entry.1.key=k1&Attributes.entry.1.value=v1&Attributes.entry.2.key=k2");
        assertEquals(List.of(Map.of("arn", "a"), Map.of("arn", "b")), form.structs("PolicyArns", 10));
        assertEquals(Map.of("k1", "v1", "k2", ""), form.map("Attributes"));
        assertValidation("1 validation error detected: Value null at 'attributes.1.key' failed to satisfy "
                + "constraint: Member must not be null", () -> form("Attributes.entry.1.value=v").map("Attributes"));
    }

    @Test
    void tagsAreCheckedAsIamChecksThem() {
        assertValidation("1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy "
                + "constraint: Member must not be null", () -> form("Tags.member.1.Key=k").tags("Tags"));
        assertValidation("1 validation error detected: Value null at 'tags.1.member.key' failed to satisfy "
                + "constraint: Member must not be null", () -> form("Tags.member.1.Value=v").tags("Tags"));
        assertValidation("1 validation error detected: Value 'a&b' at 'tags.1.member.value' failed to satisfy "
                + "constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
                () -> form("Tags.member.1.Key=k&Tags.member.1.Value=a%26b").tags("Tags"));
        QueryException duplicate = assertThrows(QueryException.class, () -> form(
                "Tags.member.1.Key=Team&Tags.member.1.Value=a&Tags.member.2.Key=team&Tags.member.2.Value=b")
                .tags("Tags"));
        assertEquals("InvalidInput", duplicate.code());
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 51; i++) {
            many.append("&Tags.member.").append(i).append(".Key=k").append(i).append("&Tags.member.").append(i)
                    .append(".Value=v");
        }
        assertThrows(QueryException.class, () -> form(many.substring(1)).tags("Tags"));
    }

    @Test
    void hasSeesValuesAndEntries() {
        QueryForm form = form("Policy=x&Tags.member.1.Key=k");
        assertTrue(form.has("Policy"));
        assertTrue(form.has("Tags"));
        assertFalse(form.has("PolicyArns"));
        assertFalse(form.has("Tag"));
    }
}
