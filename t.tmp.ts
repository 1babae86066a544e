import { PGlite } from '@electric-sql/pglite';
let t = Date.now();
const a = new PGlite(); await a.waitReady; console.log('new', Date.now() - t);
t = Date.now(); const b = new PGlite(); await b.waitReady; console.log('new2', Date.now() - t);
await a.exec('create table x(i int); insert into x values (1)');
t = Date.now(); const c = await a.clone(); console.log('clone', Date.now() - t, (await c.query('select * from x')).rows);
t = Date.now(); const dump = await a.dumpDataDir('none'); console.log('dump', Date.now() - t, dump.size);
t = Date.now(); const d = new PGlite({ loadDataDir: dump }); await d.waitReady; console.log('load', Date.now() - t, (await d.query('select * from x')).rows);
