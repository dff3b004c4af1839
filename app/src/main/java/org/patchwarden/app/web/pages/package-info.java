/**
 * The server-rendered dashboard pages: a {@link org.patchwarden.app.web.RouteModule} registered in WebServer,
 * over the same core use cases as the API and the CLI. Every dynamic value goes through
 * {@link org.patchwarden.app.web.pages.Html}, which escapes by default.
 */
package org.patchwarden.app.web.pages;
