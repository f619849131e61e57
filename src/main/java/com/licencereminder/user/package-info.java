/**
 * Users: accounts stored in MongoDB (collection {@code users}, BCrypt hashes), the
 * {@code UserDetailsService} every login goes through, the bootstrap administrator, login
 * throttling, and the administrators' API {@code /api/users} with {@code /api/me} for
 * everyone, and their console pages: {@code /users} for administrators and
 * {@code /account/password} for everyone. Publishes
 * {@link com.licencereminder.user.UserChanged},
 * {@link com.licencereminder.user.UserLoggedIn} and
 * {@link com.licencereminder.user.LoginFailed}. The routes each role may use are wired in
 * {@code shared.security}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Users")
package com.licencereminder.user;
