package io.berth.server.aws.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PagingTest {
    private static final List<String> NAMES = List.of("d", "b", "a", "c", "e");

    private static Paging.Page<String> page(Map<String, String> params) {
        return Paging.page(NAMES, Function.identity(), QueryForm.of(params));
    }

    @Test
    void everythingFitsInTheDefaultPage() {
        Paging.Page<String> page = page(Map.of());
        assertEquals(List.of("a", "b", "c", "d", "e"), page.items());
        assertEquals(Optional.empty(), page.nextMarker());
    }

    @Test
    void followsMarkersToTheEnd() {
        List<String> seen = new ArrayList<>();
        Optional<String> marker = Optional.empty();
        int pages = 0;
        do {
            Map<String, String> params = marker.map(m -> Map.of("MaxItems", "2", "Marker", m))
                    .orElse(Map.of("MaxItems", "2"));
            Paging.Page<String> page = page(params);
            seen.addAll(page.items());
            marker = page.nextMarker();
            pages++;
        } while (marker.isPresent());
        assertEquals(List.of("a", "b", "c", "d", "e"), seen);
        assertEquals(3, pages);
    }

    @Test
    void writesTruncation() {
        Paging.Page<String> page = page(Map.of("MaxItems", "4"));
        XmlWriter xml = new XmlWriter().root("R", "ns");
        page.writeTruncation(xml);
        XmlDoc doc = XmlDoc.parse(xml.end().toString().getBytes(), 200);
        assertEquals("true", doc.text("IsTruncated"));
        assertEquals(page.nextMarker().orElseThrow(), doc.text("Marker"));
        XmlWriter last = new XmlWriter().root("R", "ns");
        page(Map.of()).writeTruncation(last);
        assertEquals("<R xmlns=\"ns\"><IsTruncated>false</IsTruncated></R>", last.end().toString());
    }

    @Test
    void refusesBadMaxItemsAndMarkers() {
        QueryException tooMany = assertThrows(QueryException.class, () -> page(Map.of("MaxItems", "1001")));
        assertEquals("ValidationError", tooMany.code());
        assertThrows(QueryException.class, () -> page(Map.of("MaxItems", "0")));
        QueryException marker = assertThrows(QueryException.class, () -> page(Map.of("Marker", "not*base64")));
        assertEquals("ValidationError", marker.code());
    }
}
