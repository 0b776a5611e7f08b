package org.chaperone.auth;

import org.chaperone.registry.Role;

/** Who is making a request, from a verified token. Every query is scoped to {@code organisationId}. */
public record Caller(String userId, String organisationId, Role role) {
    public boolean is(Role... roles) {
        for (Role r : roles) if (r == role) return true;
        return false;
    }
}
