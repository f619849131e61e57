/**
 * The operator console: server-rendered pages (Thymeleaf) for regulators, operators and
 * administrators, Chinese by default with English by a switch. This module owns the shell
 * — the layout, navigation, language switch, login and error pages, the dashboard and the
 * static assets — and no data. Each module renders its own pages beside its API
 * (controllers marked {@link com.licencereminder.console.ConsolePage}, templates under
 * {@code templates/<module>/}) and contributes figures to the dashboard as
 * {@link com.licencereminder.console.DashboardPanel}s.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console")
package com.licencereminder.console;
