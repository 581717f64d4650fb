package dev.ordinal.storage;

import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Which volume is attached to which node, as Kubernetes' attach/detach controller tracks it. A read-write-once volume
 * is attached to at most one node: the database's unique index refuses a second node whatever the callers race to do.
 */
@Service
public class AttachDetachService {
    private final JdbcTemplate jdbc;

    public AttachDetachService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The outcome of an attach: newly attached, already attached there, or refused (attached elsewhere). */
    public enum Attach { ATTACHED, ALREADY_ATTACHED, REFUSED }

    /**
     * Attaches {@code volume} to {@code node}. An exclusive (read-write-once) volume already attached to another node
     * is refused; otherwise it is attached, or was already.
     */
    public Attach attach(String volume, String node, boolean exclusive) {
        List<String> nodes = nodesOf(volume);
        if (nodes.contains(node)) {
            return Attach.ALREADY_ATTACHED;
        }
        if (exclusive && !nodes.isEmpty()) {
            return Attach.REFUSED;
        }
        try {
            jdbc.update("insert into volume_attachment (volume_name, node_name, exclusive) values (?, ?, ?)",
                    volume, node, exclusive);
            return Attach.ATTACHED;
        } catch (DuplicateKeyException raced) {
            return nodesOf(volume).contains(node) ? Attach.ALREADY_ATTACHED : Attach.REFUSED;
        }
    }

    /** The nodes the volume is attached to. */
    public List<String> nodesOf(String volume) {
        return jdbc.queryForList("select node_name from volume_attachment where volume_name = ? order by node_name",
                String.class, volume);
    }

    /** The volumes attached to the node, by name. */
    public List<String> volumesOn(String node) {
        return jdbc.queryForList("select volume_name from volume_attachment where node_name = ? order by volume_name",
                String.class, node);
    }

    /** Every attachment, as (volume, node, attached at) rows. */
    public List<Attachment> all() {
        return jdbc.query("select volume_name, node_name, attached_at from volume_attachment order by node_name, volume_name",
                (rs, i) -> new Attachment(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
    }

    /** One volume attached to one node. */
    public record Attachment(String volume, String node, java.time.Instant attachedAt) {
    }

    public void detach(String volume, String node) {
        jdbc.update("delete from volume_attachment where volume_name = ? and node_name = ?", volume, node);
    }

    public void detachEverywhere(String volume) {
        jdbc.update("delete from volume_attachment where volume_name = ?", volume);
    }
}
