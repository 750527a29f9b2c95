// Huawei Cloud's public regions, for Select Region / Project. Any other region ID (a private region, a
// Huawei-stack cloud) can be typed; it must look like one.

export interface Region {
  readonly id: string;
  readonly name: string;
}

export const REGIONS: readonly Region[] = [
  { id: 'cn-north-4', name: 'CN North-Beijing4' },
  { id: 'cn-north-1', name: 'CN North-Beijing1' },
  { id: 'cn-north-9', name: 'CN North-Ulanqab1' },
  { id: 'cn-east-3', name: 'CN East-Shanghai1' },
  { id: 'cn-east-2', name: 'CN East-Shanghai2' },
  { id: 'cn-south-1', name: 'CN South-Guangzhou' },
  { id: 'cn-southwest-2', name: 'CN Southwest-Guiyang1' },
  { id: 'ap-southeast-1', name: 'AP-Hong Kong' },
  { id: 'ap-southeast-2', name: 'AP-Bangkok' },
  { id: 'ap-southeast-3', name: 'AP-Singapore' },
  { id: 'ap-southeast-4', name: 'AP-Jakarta' },
  { id: 'af-south-1', name: 'AF-Johannesburg' },
  { id: 'la-north-2', name: 'LA-Mexico City2' },
  { id: 'la-south-2', name: 'LA-Santiago' },
  { id: 'sa-brazil-1', name: 'LA-Sao Paulo1' },
  { id: 'tr-west-1', name: 'TR-Istanbul' },
  { id: 'me-east-1', name: 'ME-Riyadh' },
];

/** The pattern of `huaweicloud.region` in package.json. */
export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** The pattern of `huaweicloud.projectId`: 32 lowercase hexadecimal characters. */
export const PROJECT_ID_PATTERN = /^[0-9a-f]{32}$/;
