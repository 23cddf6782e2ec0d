package org.cimlang.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The IR's hashed list is a List like List.copyOf's: equal to any list of the same elements, and unmodifiable. */
class HashedListTest {

    @Test
    void equalsAndHashesAsAnyListOfTheSameElementsAndCannotBeChanged() {
        List<String> source = new ArrayList<>(List.of("a", "b", "c"));
        List<String> hashed = HashedList.copyOf(source);
        assertEquals(source, hashed);
        assertEquals(hashed, source);
        assertEquals(List.copyOf(source), hashed);
        assertEquals(source.hashCode(), hashed.hashCode());
        assertEquals(source.hashCode(), hashed.hashCode(), "the kept hash is the same the second time");
        assertNotEquals(HashedList.copyOf(List.of("a", "b")), hashed);
        assertNotEquals(HashedList.copyOf(List.of("a", "b", "d")), hashed);
        assertEquals(HashedList.copyOf(List.of("a", "b", "c")), hashed);
        source.set(0, "z");
        assertEquals("a", hashed.get(0), "a copy: later changes of the source do not show");
        assertThrows(UnsupportedOperationException.class, () -> hashed.add("d"));
        assertThrows(UnsupportedOperationException.class, () -> hashed.set(0, "d"));
        assertThrows(UnsupportedOperationException.class, () -> hashed.remove(0));
        assertThrows(IndexOutOfBoundsException.class, () -> hashed.get(3));
        assertThrows(NullPointerException.class, () -> HashedList.copyOf(Arrays.asList("a", null)));
        assertSame(hashed, HashedList.copyOf(hashed), "a hashed list is not copied again");
        assertEquals(List.of(), HashedList.copyOf(List.of()));
    }
}
