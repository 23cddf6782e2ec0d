package org.cimlang.compiler.ir;

import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An unmodifiable list that computes its hash code once. The IR's records are the keys of the editor's
 * memo (CimSemantics), and a record's hash code is its components': a network of 70,000 layers hashed every
 * layer again for each lookup, five times per edit.
 */
public final class HashedList<E> extends AbstractList<E> implements RandomAccess {
    private final Object[] elements;
    /** 0 until computed; a race computes the same value twice. */
    private int hash;

    private HashedList(Object[] elements) {
        this.elements = elements;
    }

    /** The elements of {@code from}, which must not be null (as {@link List#copyOf}). */
    public static <E> List<E> copyOf(Collection<? extends E> from) {
        if (from instanceof HashedList<?>) {
            @SuppressWarnings("unchecked")
            List<E> same = (List<E>) from;
            return same;
        }
        Object[] copy = from.toArray();
        for (Object o : copy) {
            Objects.requireNonNull(o);
        }
        return new HashedList<>(copy);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        Objects.checkIndex(index, elements.length);
        return (E) elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = super.hashCode();
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof HashedList<?> other && other.hashCode() != hashCode()) {
            return false;
        }
        return super.equals(o);
    }
}
