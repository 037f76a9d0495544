package dev.berth.registry.store;

import dev.berth.oci.Digest;

/**
 * Where things live on the {@link dev.berth.registry.storage.StorageDriver}: distribution's own layout, so a
 * berth-registry can serve a directory a distribution registry wrote, and the other way round.
 *
 * <pre>
 * /docker/registry/v2/blobs/sha256/ab/abcd…/data                        blob content, shared by all repositories
 * /docker/registry/v2/repositories/NAME/_layers/sha256/abcd…/link       blob linked into a repository
 * /docker/registry/v2/repositories/NAME/_manifests/revisions/sha256/…/link
 * /docker/registry/v2/repositories/NAME/_manifests/tags/TAG/current/link
 * /docker/registry/v2/repositories/NAME/_manifests/tags/TAG/index/sha256/…/link
 * /docker/registry/v2/repositories/NAME/_uploads/UUID/data, startedat
 * /docker/registry/v2/repositories/NAME/_referrers/sha256/SUBJECT/sha256/REFERRER/link   (berth's addition)
 * </pre>
 */
public final class Layout {

    public static final String ROOT = "/docker/registry/v2";
    public static final String BLOBS = ROOT + "/blobs";
    public static final String REPOSITORIES = ROOT + "/repositories";

    private Layout() {
    }

    public static String blobDir(Digest d) {
        return BLOBS + "/" + d.algorithm() + "/" + d.encoded().substring(0, 2) + "/" + d.encoded();
    }

    public static String blobData(Digest d) {
        return blobDir(d) + "/data";
    }

    public static String repository(RepositoryName name) {
        return REPOSITORIES + "/" + name.value();
    }

    public static String layerLink(RepositoryName name, Digest d) {
        return repository(name) + "/_layers/" + d.algorithm() + "/" + d.encoded() + "/link";
    }

    public static String layerLinkDir(RepositoryName name, Digest d) {
        return repository(name) + "/_layers/" + d.algorithm() + "/" + d.encoded();
    }

    public static String manifests(RepositoryName name) {
        return repository(name) + "/_manifests";
    }

    public static String revisions(RepositoryName name) {
        return manifests(name) + "/revisions";
    }

    public static String revisionDir(RepositoryName name, Digest d) {
        return revisions(name) + "/" + d.algorithm() + "/" + d.encoded();
    }

    public static String revisionLink(RepositoryName name, Digest d) {
        return revisionDir(name, d) + "/link";
    }

    public static String tags(RepositoryName name) {
        return manifests(name) + "/tags";
    }

    public static String tagDir(RepositoryName name, String tag) {
        return tags(name) + "/" + tag;
    }

    public static String tagCurrent(RepositoryName name, String tag) {
        return tagDir(name, tag) + "/current/link";
    }

    public static String tagIndexLink(RepositoryName name, String tag, Digest d) {
        return tagDir(name, tag) + "/index/" + d.algorithm() + "/" + d.encoded() + "/link";
    }

    public static String uploads(RepositoryName name) {
        return repository(name) + "/_uploads";
    }

    public static String uploadDir(RepositoryName name, String uuid) {
        return uploads(name) + "/" + uuid;
    }

    public static String uploadData(RepositoryName name, String uuid) {
        return uploadDir(name, uuid) + "/data";
    }

    public static String uploadStartedAt(RepositoryName name, String uuid) {
        return uploadDir(name, uuid) + "/startedat";
    }

    public static String referrers(RepositoryName name, Digest subject) {
        return repository(name) + "/_referrers/" + subject.algorithm() + "/" + subject.encoded();
    }

    public static String referrerLink(RepositoryName name, Digest subject, Digest referrer) {
        return referrers(name, subject) + "/" + referrer.algorithm() + "/" + referrer.encoded() + "/link";
    }

    /** The last component of a path. */
    public static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
