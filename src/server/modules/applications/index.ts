export { default as applicationRoutes } from './applications.routes.js';
// Loading the door registers applications on the review chain (subject kind `application`).
export { applicationSubject } from './applications.review.js';
