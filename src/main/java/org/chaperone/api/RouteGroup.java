package org.chaperone.api;

import io.vertx.ext.web.Router;

/** A feature's endpoints under {@code /api/v1}; requests reaching them carry a verified caller. */
public interface RouteGroup {
    void mount(Router api);
}
