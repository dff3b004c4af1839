package org.patchwarden.app.web;

/** A group of routes (the REST API, the dashboard pages, health and metrics) that adds itself to the registry. */
public interface RouteModule {
  void register(RouteRegistry routes);
}
