/**
 * One class per use case: what the CLI and the web edge call. Use cases combine ports and domain
 * rules; they never see SQL, HTTP or files.
 */
package org.patchwarden.usecase;
