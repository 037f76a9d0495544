package dev.berth.daemon.container;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Container IDs, Docker's name rule, and generated names ({@code adjective_surname}) for unnamed containers. */
public final class Names {
    private static final Pattern VALID = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final List<String> ADJECTIVES = List.of("brave", "calm", "clever", "eager", "gentle", "happy",
            "jolly", "keen", "lucid", "merry", "nimble", "quiet", "rapid", "serene", "steady", "sturdy", "swift",
            "tidy", "vivid", "witty", "bold", "bright", "cosmic", "deft", "fond", "gallant", "hardy", "noble");
    private static final List<String> SURNAMES = List.of("babbage", "curie", "darwin", "euler", "fermi", "gauss",
            "hopper", "hypatia", "kepler", "lamarr", "lovelace", "meitner", "noether", "pascal", "raman", "ritchie",
            "shannon", "thompson", "turing", "wozniak", "yonath", "zuse", "bohr", "dijkstra", "galois", "knuth");

    private Names() {
    }

    public static String newId() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** {@code /name}; the message is Docker's. */
    public static String validate(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new InvalidArgumentException("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name.startsWith("/") ? name : "/" + name;
    }

    public static String generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "/" + ADJECTIVES.get(r.nextInt(ADJECTIVES.size())) + "_" + SURNAMES.get(r.nextInt(SURNAMES.size()));
    }
}
