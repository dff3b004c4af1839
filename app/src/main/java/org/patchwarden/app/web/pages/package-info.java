/**
 * The dashboard: server-rendered HTML pages over the same core use cases as the API and the CLI.
 * Every dynamic value goes through {@link org.patchwarden.app.web.pages.Html}, which escapes by default.
 */
package org.patchwarden.app.web.pages;
