/** The server-rendered dashboard pages: a {@link org.patchwarden.app.web.RouteModule} registered in WebServer. */
package org.patchwarden.app.web.pages;
