export { default as userRoutes, publicSignupRoutes } from './users.routes.js';
export { createUser, updateUser, resetPassword, findUserIdByUsername, signUpApplicant } from './users.service.js';
export { findUserOrgId } from './users.repository.js';
