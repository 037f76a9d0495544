package dev.berth.daemon.container;

import dev.berth.oci.ContainerConfig;
import dev.berth.oci.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How a create request's config and the image's config combine, by Docker's rules. */
final class ConfigMerge {
    private ConfigMerge() {
    }

    /**
     * The request wins where it sets something; env and labels merge key by key; an entrypoint
     * in the request drops the image's command unless the request gives one.
     */
    static ContainerConfig merge(ContainerConfig req, ContainerConfig image, String imageRef, String hostname) {
        List<String> entrypoint = req.entrypoint() != null ? emptyToNull(req.entrypoint()) : image.entrypoint();
        List<String> cmd = nonEmpty(req.cmd()) ? req.cmd() : req.entrypoint() != null ? null : image.cmd();
        if (!nonEmpty(entrypoint) && !nonEmpty(cmd)) {
            throw new InvalidArgumentException("No command specified");
        }
        return new ContainerConfig(req.hostname().isEmpty() ? hostname : req.hostname(), req.domainname(),
                req.user().isEmpty() ? image.user() : req.user(), req.attachStdin(), req.attachStdout(),
                req.attachStderr(), mergeMaps(image.exposedPorts(), req.exposedPorts()), req.tty(), req.openStdin(),
                req.stdinOnce(), mergeEnv(image.env(), req.env()), cmd,
                req.healthcheck() != null ? req.healthcheck() : image.healthcheck(), req.argsEscaped(), imageRef,
                mergeMaps(image.volumes(), req.volumes()),
                req.workingDir().isEmpty() ? image.workingDir() : req.workingDir(), entrypoint, req.networkDisabled(),
                image.onBuild(), mergeMaps(image.labels(), req.labels()),
                req.stopSignal() != null && !req.stopSignal().isEmpty() ? req.stopSignal() : image.stopSignal(),
                req.stopTimeout(), req.shell() != null ? req.shell() : image.shell());
    }

    private static boolean nonEmpty(List<String> l) {
        return l != null && !l.isEmpty();
    }

    private static List<String> emptyToNull(List<String> l) {
        return l.isEmpty() || (l.size() == 1 && l.getFirst().isEmpty()) ? null : l;
    }

    static List<String> mergeEnv(List<String> image, List<String> req) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (List<String> src : java.util.Arrays.asList(image, req)) {
            if (src != null) {
                for (String e : src) {
                    int eq = e.indexOf('=');
                    byKey.put(eq < 0 ? e : e.substring(0, eq), e);
                }
            }
        }
        return byKey.isEmpty() ? null : new ArrayList<>(byKey.values());
    }

    private static <V> Map<String, V> mergeMaps(Map<String, V> image, Map<String, V> req) {
        if ((image == null || image.isEmpty()) && (req == null || req.isEmpty())) {
            return req != null ? req : image;
        }
        Map<String, V> out = new TreeMap<>();
        if (image != null) {
            out.putAll(image);
        }
        if (req != null) {
            out.putAll(req);
        }
        return out;
    }

    /** The process to run: entrypoint then command; the first word is Docker's Path, the rest Args. */
    static List<String> commandLine(ContainerConfig c) {
        List<String> all = new ArrayList<>();
        if (c.entrypoint() != null) {
            all.addAll(c.entrypoint());
        }
        if (c.cmd() != null) {
            all.addAll(c.cmd());
        }
        return all;
    }
}
