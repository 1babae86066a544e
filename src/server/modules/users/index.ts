export { default as userRoutes } from './users.routes.js';
export { createUser, updateUser, resetPassword, findUserIdByUsername } from './users.service.js';
