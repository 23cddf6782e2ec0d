package org.cimlang.compiler.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.cimlang.compiler.ir.Range;

/**
 * The free arrays of one reprogramming round, as disjoint intervals of global array indexes
 * ({@code tile * arraysPerTile + array}). A working structure local to the placement stage: its size
 * grows with the allocations made, never with the chip's size.
 */
final class FreeSpace {
    private final long arraysPerTile;
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private long total;

    FreeSpace(long tiles, long arraysPerTile) {
        this.arraysPerTile = arraysPerTile;
        this.total = tiles * arraysPerTile; // the engine checked the product fits
        free.put(0L, total - 1);
    }

    long total() {
        return total;
    }

    /**
     * The first of {@code k} consecutive tiles that are wholly free, or -1: in time linear in the free
     * intervals.
     */
    long firstWholeTiles(long k) {
        long a = arraysPerTile;
        for (Map.Entry<Long, Long> e : free.entrySet()) {
            long first = (e.getKey() + a - 1) / a;
            long end = (e.getValue() + 1) / a; // exclusive
            if (end - first >= k) {
                return first;
            }
        }
        return -1;
    }

    /** Free arrays inside the region, in time linear in the free intervals. */
    long count(Region r) {
        long a = arraysPerTile;
        long lo = r.tileFrom() * a + r.arrayFrom();
        long hi = r.tileTo() * a + r.arrayTo();
        long n = 0;
        Map.Entry<Long, Long> e = free.floorEntry(lo);
        Long key = e != null && e.getValue() >= lo ? e.getKey() : free.ceilingKey(lo);
        for (; key != null && key <= hi; key = free.higherKey(key)) {
            long s = Math.max(key, lo);
            long t = Math.min(free.get(key), hi);
            n += countInTiles(s, t, r);
        }
        return n;
    }

    /** Arrays of [s, t] (within the region's tile span) that fall in the region's array columns. */
    private long countInTiles(long s, long t, Region r) {
        long a = arraysPerTile;
        long ts = s / a;
        long te = t / a;
        if (ts == te) {
            return overlap(s, t, ts * a + r.arrayFrom(), ts * a + r.arrayTo());
        }
        long first = overlap(s, t, ts * a + r.arrayFrom(), ts * a + r.arrayTo());
        long last = overlap(s, t, te * a + r.arrayFrom(), te * a + r.arrayTo());
        return first + last + (te - ts - 1) * r.width();
    }

    private static long overlap(long s, long t, long u, long v) {
        return Math.max(0, Math.min(t, v) - Math.max(s, u) + 1);
    }

    /**
     * Takes {@code n} arrays from the region, lowest index first, and returns them as per-tile runs
     * with their block numbers starting at {@code firstBlock}. The caller checked {@code count(r) >= n}.
     */
    List<Allocation> take(Region r, long n, long firstBlock, int round) {
        long a = arraysPerTile;
        long lo = r.tileFrom() * a + r.arrayFrom();
        long hi = r.tileTo() * a + r.arrayTo();
        List<long[]> pieces = new ArrayList<>();
        long left = n;
        Map.Entry<Long, Long> e = free.floorEntry(lo);
        Long key = e != null && e.getValue() >= lo ? e.getKey() : free.ceilingKey(lo);
        for (; key != null && key <= hi && left > 0; key = free.higherKey(key)) {
            long s = Math.max(key, lo);
            long t = Math.min(free.get(key), hi);
            for (long tile = s / a; tile <= t / a && left > 0; tile++) {
                long ps = Math.max(s, tile * a + r.arrayFrom());
                long pt = Math.min(t, tile * a + r.arrayTo());
                if (ps > pt) {
                    continue;
                }
                pt = Math.min(pt, ps + left - 1);
                pieces.add(new long[] {ps, pt});
                left -= pt - ps + 1;
            }
        }
        List<Allocation> runs = new ArrayList<>(pieces.size());
        long block = firstBlock;
        for (long[] p : pieces) {
            remove(p[0], p[1]);
            long tile = p[0] / a;
            runs.add(new Allocation(round, tile, new Range(p[0] - tile * a, p[1] - tile * a), block));
            block += p[1] - p[0] + 1;
        }
        return runs;
    }

    private void remove(long s, long t) {
        Map.Entry<Long, Long> e = free.floorEntry(s);
        long from = e.getKey();
        long to = e.getValue();
        free.remove(from);
        if (from < s) {
            free.put(from, s - 1);
        }
        if (t < to) {
            free.put(t + 1, to);
        }
        total -= t - s + 1;
    }

    /**
     * Runs of tiles whose arrays {@code arrayFrom..arrayTo} are all free, in tile order, adjacent runs
     * merged.
     */
    List<Range> freeTiles(long arrayFrom, long arrayTo) {
        long a = arraysPerTile;
        List<Range> runs = new ArrayList<>();
        for (Map.Entry<Long, Long> e : free.entrySet()) {
            long first = -Math.floorDiv(-(e.getKey() - arrayFrom), a); // ceil
            long last = Math.floorDiv(e.getValue() - arrayTo, a);
            if (first > last) {
                continue;
            }
            Range prev = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (prev != null && prev.to() + 1 >= first) {
                runs.set(runs.size() - 1, new Range(prev.from(), Math.max(prev.to(), last)));
            } else {
                runs.add(new Range(first, last));
            }
        }
        return runs;
    }
}
