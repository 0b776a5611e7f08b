package org.chaperone.registry;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

/**
 * Who sees which programmes and pairings inside their own organisation (the organisation itself is
 * always enforced by {@link org.chaperone.store.ScopedCollection}).
 * <ul>
 *   <li>organisation admins and DSLs: everything in the organisation;</li>
 *   <li>programme managers: the programmes they look after and the pairings in them or naming them;</li>
 *   <li>mentors and mentees: only their own pairings and those pairings' programmes;</li>
 *   <li>school admins: no pairings.</li>
 * </ul>
 */
public final class Visibility {
    private static final Bson NOTHING = Filters.eq("_id", "\u0000none");

    private Visibility() {}

    public static Bson pairings(User me) {
        return switch (me.role()) {
            case ORG_ADMIN, DSL -> null;
            case PROGRAMME_MANAGER -> Filters.or(Filters.in("programmeId", me.programmeIds()),
                    Filters.eq("managerIds", me.id()));
            case MENTOR -> Filters.eq("mentorId", me.id());
            case MENTEE -> Filters.eq("menteeId", me.id());
            case SCHOOL_ADMIN -> NOTHING;
        };
    }

    public static boolean canSee(User me, Pairing p) {
        return switch (me.role()) {
            case ORG_ADMIN, DSL -> true;
            case PROGRAMME_MANAGER -> me.programmeIds().contains(p.programmeId()) || p.managerIds().contains(me.id());
            case MENTOR, MENTEE -> p.involves(me.id());
            case SCHOOL_ADMIN -> false;
        };
    }

    /** Staff who read a pairing's messages: its programme's managers, the DSL, the organisation admin. */
    public static boolean isStaffOf(User me, Pairing p) {
        return me.role() != Role.MENTOR && me.role() != Role.MENTEE && me.role() != Role.SCHOOL_ADMIN && canSee(me, p);
    }
}
