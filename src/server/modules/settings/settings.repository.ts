import type { Db } from '../../db/types.js';


export function findDistrictSettings(db: Db, districtId: number) {
  return db
    .selectFrom('district_settings as s')
    .leftJoin('users as u', 'u.id', 's.updated_by')
    .select(['s.key', 's.value', 's.updated_at', 'u.username'])
    .where('s.region_id', '=', districtId)
    .execute();
}

export async function findDistrictSetting(db: Db, districtId: number, key: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('district_settings').select('value').where('region_id', '=', districtId).where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function upsertDistrictSetting(db: Db, districtId: number, key: string, value: unknown, userId: number | null) {
  await db
    .insertInto('district_settings')
    .values({ region_id: districtId, key, value: JSON.stringify(value), updated_at: new Date(), updated_by: userId })
    .onConflict((oc) => oc.columns(['region_id', 'key']).doUpdateSet({ value: JSON.stringify(value), updated_at: new Date(), updated_by: userId }))
    .execute();
}
