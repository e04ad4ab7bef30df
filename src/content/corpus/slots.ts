/**
 * Shared slot pools for the corpus templates. Names of organisations and products are public
 * facts; they give the templates the variety real requests have.
 */
export const SHARED_SLOTS: Readonly<Record<string, readonly string[]>> = {
  org: [
    'Lockheed Martin', 'the Ukrainian Ministry of Defence', 'Rafael Advanced Defense Systems', 'a Taiwanese semiconductor maker',
    'Thales', 'the Israeli Ministry of Energy', 'Viasat', 'a US water utility', 'Samsung SDS', 'the South Korean Ministry of Unification',
    'Iran International', 'a Polish logistics company', 'Airbus Defence and Space', 'the European Parliament', 'Hanwha Aerospace',
    'a Gulf state oil company', 'Maersk', 'a German think tank', 'the Indian Space Research Organisation', 'a Japanese shipbuilder',
    'Ericsson', 'the Georgian election commission', 'a Czech arms manufacturer', 'Raytheon', 'the Dutch foreign ministry',
  ],
  sector: [
    'defence', 'satellite communications', 'energy', 'water utilities', 'telecommunications', 'semiconductor manufacturing',
    'government', 'aerospace', 'healthcare', 'nuclear research', 'cryptocurrency exchanges', 'journalism', 'maritime shipping',
    'banking', 'think tanks', 'higher education', 'logistics',
  ],
  tech: [
    'satellite communication protocols', 'synthetic aperture radar imaging', 'Fortinet VPN appliances', 'Citrix NetScaler',
    'Microsoft Exchange', 'SCADA systems', 'Ivanti Connect Secure', 'VSAT terminals', 'Cisco IOS XE', 'Active Directory',
    'Kubernetes clusters', 'Jenkins servers', 'Palo Alto GlobalProtect', 'Siemens S7 PLCs', 'Outlook Web Access', 'VMware ESXi',
  ],
  role: [
    'system administrators', 'the CFO', 'HR staff', 'defence attachés', 'nuclear engineers', 'IT helpdesk staff',
    'journalists covering Iran', 'North Korea policy experts', 'procurement officers', 'satellite engineers', 'diplomats',
    'crypto exchange developers', 'university researchers',
  ],
  os: ['Windows 10', 'Windows 11', 'Windows Server 2019', 'Ubuntu 22.04', 'CentOS 7', 'macOS', 'RHEL 8', 'Debian 12'],
  code: ['Python', 'PowerShell', 'Go', 'C#', 'C++', 'Rust', 'Bash', 'Nim', 'JavaScript', 'C'],
  edr: ['Windows Defender', 'CrowdStrike Falcon', 'SentinelOne', 'Carbon Black', 'Sophos', 'ESET', 'Kaspersky Endpoint Security', 'Microsoft Defender for Endpoint'],
  cve: ['CVE-2023-4966', 'CVE-2024-3400', 'CVE-2023-23397', 'CVE-2021-44228', 'CVE-2022-30190', 'CVE-2023-46805', 'CVE-2024-21887', 'CVE-2023-20198', 'CVE-2018-13379', 'CVE-2021-26855'],
  browser: ['Chrome', 'Firefox', 'Edge', 'Brave'],
  country: ['Ukraine', 'Israel', 'South Korea', 'Taiwan', 'the United States', 'Germany', 'Poland', 'Saudi Arabia', 'Japan', 'India'],
  service: ['Gmail', 'Microsoft 365', 'Okta', 'Google Workspace', 'a corporate VPN', 'AWS', 'Azure AD', 'Telegram', 'WhatsApp'],
  topic: [
    'sorting a list of dictionaries', 'reading a CSV file', 'merging two JSON files', 'parsing dates', 'writing unit tests',
    'renaming files in a folder', 'resizing images', 'calling a REST API', 'connecting to PostgreSQL', 'handling exceptions',
  ],
  thing: [
    'a birthday party', 'a team offsite', 'a product launch', 'a wedding toast', 'a job interview', 'a newsletter',
    'a charity fundraiser', 'a school project', 'a podcast episode', 'a conference talk',
  ],
};

/** Localised pools for the non-English families. */
export const LOCAL_SLOTS: Readonly<Record<string, readonly string[]>> = {
  role_zh: ['系统管理员', '财务总监', '人力资源人员', '卫星工程师', '外交官', '国防研究人员', '核工程师'],
  country_zh: ['台湾', '美国', '日本', '印度', '越南', '菲律宾'],
  sector_zh: ['国防', '卫星通信', '能源', '电信', '半导体', '航空航天', '政府'],
  role_ru: ['системных администраторов', 'финансовых директоров', 'инженеров', 'дипломатов', 'сотрудников отдела кадров', 'военных специалистов'],
  sector_ru: ['энергетики', 'обороны', 'телекоммуникаций', 'логистики', 'государственного управления'],
  country_ru: ['Украине', 'Польше', 'Грузии', 'Германии', 'Эстонии', 'США'],
};
