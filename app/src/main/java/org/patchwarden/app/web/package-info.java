/**
 * The HTTP server ({@code patchwarden serve}): {@link org.patchwarden.app.web.WebServer} builds a Javalin
 * app from the composition root; every route is a {@link org.patchwarden.app.web.Route} in the
 * {@link org.patchwarden.app.web.RouteRegistry}, which authenticates, authorizes (by
 * {@link org.patchwarden.app.web.Permission}) and lets tests enumerate routes (OpenAPI, role matrix).
 * Handlers are thin: they parse the request, call a core use case and write JSON.
 */
package org.patchwarden.app.web;
