package org.cimlang.compiler.mapping;

import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_ARRAY_RANGE;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_CAPACITY;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_DIGITAL_LAYER;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_FLOORPLAN;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_NO_MATCH;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_OVERLAP;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_REPLICATE;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_TILE_RANGE;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_TOO_LARGE;
import static org.cimlang.compiler.ir.DiagnosticCodes.PLACE_TWICE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Placement;
import org.cimlang.compiler.ir.Range;
import org.cimlang.compiler.ir.Severity;
import org.cimlang.compiler.quant.LayerPattern;

/**
 * Stage 4: which arrays hold which layer.
 *
 * <ol>
 * <li>Check the {@code place} directives: tiles and arrays in range, replicate not negative, each layer
 * placed at most once, explicit array ranges of different directives disjoint.</li>
 * <li>Place the layers of directives with tiles or arrays, in directive order, first fit inside their
 * region; a region that cannot hold its layer is an error with the numbers and quick-fix data.</li>
 * <li>Place every other layer first fit in network order (a layer may span tiles).</li>
 * <li>{@code replicate auto}: hand spare arrays one copy at a time to the slowest such layer (the
 * stage that limits a pipeline), until no copy fits or every copy would idle.</li>
 * </ol>
 * When the network does not fit and the mapping allows reprogramming, layers are grouped in network
 * order into rounds that each fit the chip (a layer larger than the chip gets rounds of its own) and
 * every round is placed as above.
 */
public final class ArrayPlacement {
    private ArrayPlacement() {
    }

    /** One directive after checking. */
    private static final class Directive {
        final Placement placement;
        final Region region; // null: anywhere (or invalid ranges)
        final long replicate;

        Directive(Placement placement, Region region, long replicate) {
            this.placement = placement;
            this.region = region;
            this.replicate = replicate;
        }
    }

    /** A layer's working state. */
    private static final class Work {
        final PlacementRequest request;
        final int index;
        Directive directive;
        long replicate = 1;
        long firstRound;
        long rounds = 1;
        boolean failed;
        final List<Allocation> allocations = new ArrayList<>();

        Work(PlacementRequest request, int index) {
            this.request = request;
            this.index = index;
        }

        long need() {
            try {
                return Math.multiplyExact(request.arraysPerCopy(), replicate);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }

        double stageLatency() {
            return Math.ceil((double) request.mvms() / replicate) * request.mvmLatencyS();
        }
    }

    /**
     * @param networkName   for messages
     * @param requests      the crossbar layers in network order
     * @param digitalLayers names of the network's other layers (to tell "digital" from "no such layer")
     */
    public static PlacementPlan place(Chip chip, String networkName, MappingSpec spec, List<PlacementRequest> requests,
            List<String> digitalLayers) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        long tiles = chip.tiles();
        long perTile = chip.arraysPerTile();
        long total = tiles * perTile; // checked by the engine
        Map<String, Work> work = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            work.put(requests.get(i).layer(), new Work(requests.get(i), i));
        }

        List<Directive> directives = checkDirectives(chip, networkName, spec, work, digitalLayers, diagnostics);
        refuseUnlistable(work.values(), diagnostics);

        long needed = 0;
        for (Work w : work.values()) {
            long n = w.need();
            needed = n > Long.MAX_VALUE - needed ? Long.MAX_VALUE : needed + n;
        }
        boolean fits = needed <= total;
        Counter runs = new Counter();
        long rounds = 1;
        if (fits || !spec.reprogramAllowed()) {
            FreeSpace free = new FreeSpace(tiles, perTile);
            placeRound(free, 0, new ArrayList<>(work.values()), directives, chip, diagnostics, runs,
                    spec.layerPerTile() ? spec : null);
            if (fits) {
                balance(free, Region.whole(tiles, perTile), work.values(), runs);
            }
        } else {
            rounds = assignRounds(work.values(), total);
            if (rounds > MappingLimits.MAX_ROUNDS) {
                diagnostics.add(Diagnostic.error(PLACE_TOO_LARGE, networkName + " would need " + Quantities.count(rounds)
                        + " reprogramming rounds per inference on " + chip.name() + "; the engine lays out at most "
                        + Quantities.count(MappingLimits.MAX_ROUNDS) + ": use a larger chip or fewer weight bits",
                        spec.originOf("reprogram"), "reprogram"));
            } else {
                placeRounds(work.values(), rounds, tiles, perTile, total, directives, chip, diagnostics, runs);
            }
        }
        if (runs.overflowed) {
            diagnostics.add(Diagnostic.error(PLACE_TOO_LARGE, "the placement of " + networkName + " on " + chip.name()
                    + " needs more than " + Quantities.count(MappingLimits.MAX_ALLOCATION_RUNS)
                    + " allocation runs: the engine stopped placing; use fewer, larger tiles", spec.origin(), "chip"));
        }

        Map<String, LayerPlacement> out = new LinkedHashMap<>();
        for (Work w : work.values()) {
            out.put(w.request.layer(), new LayerPlacement(w.request.layer(), w.replicate, w.allocations,
                    w.directive == null ? null : w.directive.placement));
        }
        return new PlacementPlan(out, needed, total, fits, rounds, diagnostics);
    }

    /**
     * A layer's arrays are listed one by one in the program (and by hover and the simulator), so a layer
     * beyond {@link MappingLimits#MAX_EXPANDED} arrays is an error here, before any placement work that
     * grows with its copies; its copies fall back to one so that the other layers are still placed.
     */
    private static void refuseUnlistable(Iterable<Work> layers, List<Diagnostic> diagnostics) {
        long max = MappingLimits.MAX_EXPANDED;
        for (Work w : layers) {
            long need = w.need();
            if (need <= max) {
                continue;
            }
            long perCopy = w.request.arraysPerCopy();
            String limit = "; the engine lays out at most " + Quantities.count(max) + " arrays per layer";
            if (w.replicate > 1 && perCopy <= max) {
                long copies = max / perCopy;
                diagnostics.add(Diagnostic.error(PLACE_TOO_LARGE, "replicate " + Quantities.count(w.replicate) + " of "
                        + w.request.layer() + " asks for " + (need == Long.MAX_VALUE ? "more than "
                                + Quantities.count(Long.MAX_VALUE) : Quantities.count(need)) + " arrays ("
                        + Quantities.count(perCopy) + " per copy)" + limit + ": write 'replicate " + copies
                        + "' or fewer", w.directive.placement.origin(), "replicate", Long.toString(copies)));
            } else {
                diagnostics.add(Diagnostic.error(PLACE_TOO_LARGE, w.request.layer() + " needs "
                        + Quantities.count(perCopy) + " arrays for one copy" + limit
                        + ": use larger arrays or split the layer",
                        w.directive == null ? null : w.directive.placement.origin(), null));
            }
            w.replicate = 1;
            w.failed = true;
        }
    }

    private static final class Counter {
        long runs;
        boolean overflowed;
    }

    // ---------------------------------------------------------------- directives

    private static List<Directive> checkDirectives(Chip chip, String networkName, MappingSpec spec,
            Map<String, Work> work, List<String> digitalLayers, List<Diagnostic> diagnostics) {
        List<Directive> directives = new ArrayList<>();
        java.util.Set<String> digitalSet = new java.util.HashSet<>(digitalLayers);
        for (Placement p : spec.placements()) {
            if (p.operandsOnly()) {
                continue; // where a matmul's operands go (OperandWrites checks it), not which arrays
            }
            Region region = region(chip, p, diagnostics);
            long replicate = p.replicate() > 0 ? p.replicate() : 1;
            if (p.replicate() < 0) {
                diagnostics.add(Diagnostic.error(PLACE_REPLICATE, "replicate " + p.replicate() + " of '" + describe(p)
                        + "' must be at least 1", p.origin(), "replicate"));
            }
            // 'place fc* fault aware' alone says how weights sit in their arrays, not where: it may
            // name layers another line places
            boolean optionOnly = p.faultAware() && p.tiles() == null && p.arrays() == null && p.replicate() == 0
                    && !p.replicateAuto();
            Directive d = new Directive(p, region, replicate);
            if (!optionOnly) {
                directives.add(d);
            }

            boolean any = false;
            boolean glob = LayerPattern.isGlob(p.pattern());
            Work named = glob ? null : work.get(p.pattern());
            // a plain name is looked up; only a pattern scans the layers (a scan per 'place' line was
            // quadratic with a line per layer)
            for (Work w : glob ? work.values() : named == null ? List.<Work>of() : List.of(named)) {
                if (!LayerPattern.matches(p.pattern(), w.request.layer())) {
                    continue;
                }
                any = true;
                if (optionOnly) {
                    continue;
                }
                if (w.directive != null) {
                    diagnostics.add(Diagnostic.error(PLACE_TWICE, w.request.layer() + " is placed twice: '"
                            + describe(w.directive.placement) + "' already places it", p.origin(), "pattern",
                            w.request.layer()));
                    continue;
                }
                w.directive = d;
                w.replicate = replicate;
            }
            if (!any) {
                List<String> digital = new ArrayList<>();
                if (glob) {
                    for (String name : digitalLayers) {
                        if (LayerPattern.matches(p.pattern(), name)) {
                            digital.add(name);
                        }
                    }
                } else if (digitalSet.contains(p.pattern())) {
                    digital.add(p.pattern());
                }
                if (!digital.isEmpty()) {
                    diagnostics.add(Diagnostic.warning(PLACE_DIGITAL_LAYER, (LayerPattern.isGlob(p.pattern())
                            ? "pattern '" + p.pattern() + "' matches only layers that run in the digital units ("
                                    + String.join(", ", digital) + ")"
                            : p.pattern() + " runs in the digital units") + ": it takes no arrays; remove the directive",
                            p.origin(), "pattern", digital.toArray(String[]::new)));
                } else {
                    diagnostics.add(Diagnostic.warning(PLACE_NO_MATCH, (LayerPattern.isGlob(p.pattern())
                            ? "pattern '" + p.pattern() + "'" : "'" + p.pattern() + "'") + " matches no layer of "
                            + networkName, p.origin(), "pattern", p.pattern()));
                }
            }
        }
        // Explicit array ranges of two directives must not claim the same arrays.
        for (int i = 0; i < directives.size(); i++) {
            Directive b = directives.get(i);
            if (b.region == null || b.placement.arrays() == null) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                Directive a = directives.get(j);
                if (a.region != null && a.placement.arrays() != null && a.region.intersects(b.region)) {
                    Range t = new Range(Math.max(a.region.tileFrom(), b.region.tileFrom()),
                            Math.min(a.region.tileTo(), b.region.tileTo()));
                    Range r = new Range(Math.max(a.region.arrayFrom(), b.region.arrayFrom()),
                            Math.min(a.region.arrayTo(), b.region.arrayTo()));
                    diagnostics.add(Diagnostic.error(PLACE_OVERLAP, "'" + describe(b.placement) + "' overlaps '"
                            + describe(a.placement) + "': " + (t.size() == 1 ? "tile " : "tiles ") + t
                            + (r.size() == 1 ? " array " : " arrays ") + r + " are claimed by both", b.placement.origin(),
                            "arrays", "tiles=" + t, "arrays=" + r));
                    break;
                }
            }
        }
        return directives;
    }

    /** The directive's region, or null when it names none or a range is invalid (reported). */
    private static Region region(Chip chip, Placement p, List<Diagnostic> diagnostics) {
        Range t = p.tiles();
        Range a = p.arrays();
        boolean ok = true;
        if (t != null) {
            ok &= inRange(t, chip.tiles(), "tile", "tiles", chip.name() + " has tiles 0.." + (chip.tiles() - 1),
                    PLACE_TILE_RANGE, p, diagnostics);
        }
        if (a != null) {
            ok &= inRange(a, chip.arraysPerTile(), "array", "arrays",
                    chip.name() + " has arrays 0.." + (chip.arraysPerTile() - 1) + " in each tile", PLACE_ARRAY_RANGE, p,
                    diagnostics);
        }
        if (!ok || (t == null && a == null)) {
            return null;
        }
        return new Region(t == null ? 0 : t.from(), t == null ? chip.tiles() - 1 : t.to(), a == null ? 0 : a.from(),
                a == null ? chip.arraysPerTile() - 1 : a.to());
    }

    private static boolean inRange(Range r, long count, String one, String feature, String has, String code,
            Placement p, List<Diagnostic> diagnostics) {
        if (r.from() > r.to()) {
            diagnostics.add(Diagnostic.error(code, feature + " " + r.from() + ".." + r.to()
                    + " is empty: write the lower index first", p.origin(), feature));
            return false;
        }
        long bad = r.from() < 0 ? r.from() : r.to() >= count ? r.to() : -1;
        if (r.from() < 0 || r.to() >= count) {
            diagnostics.add(Diagnostic.error(code, one + " " + bad + " does not exist: " + has, p.origin(), feature,
                    "max=" + (count - 1)));
            return false;
        }
        return true;
    }

    /** The directive as written, e.g. {@code place fc* on tile 3 arrays 0..31}. */
    static String describe(Placement p) {
        StringBuilder b = new StringBuilder("place ").append(p.pattern());
        if (p.tiles() != null) {
            b.append(p.tiles().size() == 1 ? " on tile " : " on tiles ").append(p.tiles());
        }
        if (p.arrays() != null) {
            b.append(p.arrays().size() == 1 ? " array " : " arrays ").append(p.arrays());
        }
        if (p.replicateAuto()) {
            b.append(" replicate auto");
        } else if (p.replicate() != 0) {
            b.append(" replicate ").append(p.replicate());
        }
        return b.toString();
    }

    /** "tile 0 offers", "tiles 4..5 offer", "tile 3 arrays 0..31 offer". */
    private static boolean singular(Region r, Placement p) {
        return p.arrays() == null ? r.tiles() == 1 : r.width() == 1;
    }

    private static String describe(Region r, Placement p) {
        String tiles = p.tiles() == null ? null : (r.tiles() == 1 ? "tile " : "tiles ") + r.tileRange();
        String arrays = p.arrays() == null ? null : (r.width() == 1 ? "array " : "arrays ") + r.arrayRange();
        if (tiles == null) {
            return arrays + " of every tile";
        }
        return arrays == null ? tiles : tiles + " " + arrays;
    }

    // ---------------------------------------------------------------- one round

    /** @param layerPerTile the mapping, when it asks that each layer start on tiles of its own; else null */
    private static void placeRound(FreeSpace free, int round, List<Work> layers, List<Directive> directives, Chip chip,
            List<Diagnostic> diagnostics, Counter runs, MappingSpec layerPerTile) {
        // each directive's layers in network order, gathered once: a scan of every layer per directive
        // was quadratic with a 'place' line per layer
        Map<Directive, List<Work>> placedBy = new java.util.IdentityHashMap<>();
        for (Work w : layers) {
            if (w.directive != null) {
                placedBy.computeIfAbsent(w.directive, k -> new ArrayList<>()).add(w);
            }
        }
        for (Directive d : directives) {
            if (d.region == null) {
                continue;
            }
            for (Work w : placedBy.getOrDefault(d, List.of())) {
                if (!w.allocations.isEmpty() || w.failed) {
                    continue;
                }
                long need = w.need();
                long offer = free.count(d.region);
                if (offer >= need) {
                    append(w, free.take(d.region, need, 0, round), runs);
                } else {
                    w.failed = true;
                    diagnostics.add(capacityError(w, need, offer, d, free, chip));
                }
            }
        }
        Region whole = Region.whole(chip.tiles(), chip.arraysPerTile());
        for (Work w : layers) {
            if (!w.allocations.isEmpty() || w.failed) {
                continue;
            }
            long need = w.need();
            if (need > free.total()) {
                continue;
            }
            if (layerPerTile != null) {
                long tiles = ArrayPartitioning.ceilDiv(need, chip.arraysPerTile());
                long first = free.firstWholeTiles(tiles);
                if (first >= 0) {
                    append(w, free.take(new Region(first, first + tiles - 1, 0, chip.arraysPerTile() - 1), need, 0,
                            round), runs);
                    continue;
                }
                diagnostics.add(Diagnostic.warning(PLACE_FLOORPLAN, w.request.layer() + " needs "
                        + Quantities.count(tiles, "whole tile") + " of its own for 'floorplan layer per tile', but "
                        + chip.name() + " has no " + (tiles == 1 ? "free tile" : Quantities.count(tiles)
                                + " consecutive free tiles") + " left: it shares tiles with other layers",
                        layerPerTile.originOf("floorplan"), null, w.request.layer()));
            }
            append(w, free.take(whole, need, 0, round), runs);
        }
    }

    private static Diagnostic capacityError(Work w, long need, long offer, Directive d, FreeSpace free, Chip chip) {
        Region r = d.region;
        List<Range> freeTiles = free.freeTiles(r.arrayFrom(), r.arrayTo());
        List<String> elsewhere = new ArrayList<>();
        for (Range t : freeTiles) {
            // the directive's own tiles are what it offers: list the others
            if (t.from() < r.tileFrom()) {
                elsewhere.add(new Range(t.from(), Math.min(t.to(), r.tileFrom() - 1)).toString());
            }
            if (t.to() > r.tileTo()) {
                elsewhere.add(new Range(Math.max(t.from(), r.tileTo() + 1), t.to()).toString());
            }
        }
        String freeText;
        if (elsewhere.isEmpty()) {
            freeText = "no other tile is free";
        } else {
            boolean single = elsewhere.size() == 1 && !elsewhere.get(0).contains("..");
            List<String> shown = elsewhere.size() > 4 ? elsewhere.subList(0, 4) : elsewhere;
            freeText = "free: " + (single ? "tile " : "tiles ") + String.join(", ", shown)
                    + (elsewhere.size() > 4 ? ", ..." : "");
        }
        long perCopy = w.request.arraysPerCopy();
        long tilesNeeded = ArrayPartitioning.ceilDiv(need, r.width());
        String suggestion = null;
        for (Range t : freeTiles) {
            if (t.from() <= r.tileFrom() && t.to() >= r.tileFrom() && t.to() - r.tileFrom() + 1 >= tilesNeeded) {
                suggestion = new Range(r.tileFrom(), r.tileFrom() + tilesNeeded - 1).toString();
                break;
            }
        }
        for (int i = 0; suggestion == null && i < freeTiles.size(); i++) {
            Range t = freeTiles.get(i);
            if (t.size() >= tilesNeeded) {
                suggestion = new Range(t.from(), t.from() + tilesNeeded - 1).toString();
            }
        }
        List<String> data = new ArrayList<>();
        data.add("maxReplicate=" + offer / perCopy);
        if (suggestion != null) {
            data.add("tiles=" + suggestion);
        }
        data.add("need=" + need);
        data.add("offer=" + offer);
        String message = w.request.layer() + " needs " + Quantities.count(need) + " arrays (" + w.request.explanation()
                + ", replicate " + w.replicate + ") but " + describe(r, d.placement)
                + (singular(r, d.placement) ? " offers " : " offer ") + Quantities.count(offer) + "; " + freeText;
        return new Diagnostic(Severity.ERROR, PLACE_CAPACITY, message, d.placement.origin(),
                d.placement.tiles() != null ? "tiles" : "arrays", data);
    }

    private static void append(Work w, List<Allocation> taken, Counter runs) {
        for (Allocation a : taken) {
            Allocation last = w.allocations.isEmpty() ? null : w.allocations.get(w.allocations.size() - 1);
            if (last != null && last.round() == a.round() && last.tile() == a.tile()
                    && last.arrays().to() + 1 == a.arrays().from() && last.firstBlock() + last.count() == a.firstBlock()) {
                w.allocations.set(w.allocations.size() - 1,
                        new Allocation(a.round(), a.tile(), new Range(last.arrays().from(), a.arrays().to()),
                                last.firstBlock()));
            } else if (runs.runs < MappingLimits.MAX_ALLOCATION_RUNS) {
                w.allocations.add(a);
                runs.runs++;
            } else {
                runs.overflowed = true;
            }
        }
    }

    /** {@code replicate auto}: one more copy at a time to the slowest layer that can take one. */
    private static void balance(FreeSpace free, Region whole, Iterable<Work> layers, Counter runs) {
        PriorityQueue<Work> slowest = new PriorityQueue<>((a, b) -> {
            int c = Double.compare(b.stageLatency(), a.stageLatency());
            return c != 0 ? c : Integer.compare(a.index, b.index);
        });
        for (Work w : layers) {
            if (w.directive != null && w.directive.placement.replicateAuto() && !w.allocations.isEmpty()) {
                slowest.add(w);
            }
        }
        long copies = 0;
        while (!slowest.isEmpty() && copies < MappingLimits.MAX_AUTO_COPIES && !runs.overflowed) {
            Work w = slowest.poll();
            if (w.replicate >= w.request.mvms()) {
                continue; // every further copy would idle
            }
            Region where = w.directive.region != null ? w.directive.region : whole;
            long perCopy = w.request.arraysPerCopy();
            if (perCopy > MappingLimits.MAX_EXPANDED / (w.replicate + 1)) {
                continue; // one more copy could no longer be listed
            }
            long offer = w.directive.region != null ? free.count(where) : free.total();
            if (offer < perCopy) {
                continue; // saturated: the others may still grow
            }
            append(w, free.take(where, perCopy, w.replicate * perCopy, 0), runs);
            w.replicate++;
            copies++;
            slowest.add(w);
        }
    }

    // ---------------------------------------------------------------- reprogramming rounds

    /** Groups layers into rounds that each fit the chip; returns the number of rounds. */
    private static long assignRounds(Iterable<Work> layers, long total) {
        long round = 0;
        long used = 0;
        for (Work w : layers) {
            long need = w.need();
            if (need <= total - used) {
                w.firstRound = round;
                used += need;
            } else if (need <= total) {
                round++;
                w.firstRound = round;
                used = need;
            } else {
                if (used > 0) {
                    round++;
                }
                long chunks = ArrayPartitioning.ceilDiv(need, total);
                w.firstRound = round;
                w.rounds = chunks;
                round += chunks - 1;
                used = need - (chunks - 1) * total;
            }
        }
        return round + 1;
    }

    private static void placeRounds(Iterable<Work> layers, long rounds, long tiles, long perTile, long total,
            List<Directive> directives, Chip chip, List<Diagnostic> diagnostics, Counter runs) {
        List<List<Work>> byRound = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            byRound.add(new ArrayList<>());
        }
        Map<Integer, FreeSpace> spaces = new HashMap<>();
        for (Work w : layers) {
            if (w.rounds == 1) {
                byRound.get((int) w.firstRound).add(w);
            }
        }
        for (Work w : layers) {
            if (w.rounds > 1) {
                // larger than the chip: whole rounds of its own, chunk by chunk
                Region whole = Region.whole(tiles, perTile);
                long left = w.need();
                for (long c = 0; c < w.rounds; c++) {
                    int round = (int) (w.firstRound + c);
                    FreeSpace free = spaces.computeIfAbsent(round, k -> new FreeSpace(tiles, perTile));
                    long n = Math.min(left, free.total());
                    append(w, free.take(whole, n, c * total, round), runs);
                    left -= n;
                }
            }
        }
        for (int r = 0; r < rounds; r++) {
            if (!byRound.get(r).isEmpty()) {
                FreeSpace free = spaces.computeIfAbsent(r, k -> new FreeSpace(tiles, perTile));
                placeRound(free, r, byRound.get(r), directives, chip, diagnostics, runs, null); // rounds pack
            }
        }
    }
}
