export { default as userRoutes, publicSignupRoutes } from './users.routes.js';
export { createUser, updateUser, resetPassword, findUserIdByUsername, signUpApplicant } from './users.service.js';
export { findUserNames, linkAccountToOrg } from './users.repository.js';
