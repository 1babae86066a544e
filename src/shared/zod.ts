import { z } from 'zod';

// Every validation message in Chinese by default, on server and web alike.
z.config(z.locales.zhCN());

export { z };
