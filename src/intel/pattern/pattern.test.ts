import { describe, expect, it } from 'vitest';
import { evaluatePattern, type Observation, type ObservedObject } from './evaluate.js';
import { parsePattern } from './parser.js';
import { analyseIndicatorPattern, analysePattern } from './support.js';

/** Every pattern given in STIX 2.1 §9 (Errata 01 text), written as the spec shows them (not JSON-encoded). */
const SPEC_EXAMPLES: string[] = [
  // §9.1 definitions
  String.raw`[ipv4-addr:value = '203.0.113.1' OR ipv4-addr:value = '203.0.113.2']`,
  String.raw`([ipv4-addr:value = '198.51.100.5'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.10'])`,
  String.raw`([ipv4-addr:value = '198.51.100.5' ] AND [ipv4-addr:value = '198.51.100.10']) WITHIN 300 SECONDS`,
  String.raw`[file:name = 'foo.dll'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'`,
  String.raw`[ipv4-addr:value = '198.51.100.5'] AND [ ipv4-addr:value = '198.51.100.10']`,
  String.raw`[file:size = 25536]`,
  // §9.3
  String.raw`[ipv4-addr:value = '198.51.100.1/32']`,
  String.raw`[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']`,
  String.raw`[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128'] REPEATS 5 TIMES`,
  String.raw`([ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128'] FOLLOWEDBY [domain-name:value = 'example.com']) WITHIN 600 SECONDS`,
  // §9.5
  String.raw`[ network-traffic:src_ref.value = '203.0.113.10' AND network-traffic:dst_ref.value = '198.51.100.58' ]`,
  String.raw`([file:hashes.'SHA-256' = '13987239847'] AND [windows-registry-key:key = 'hkey']) WITHIN 120 SECONDS`,
  // §9.6.1 operator table
  String.raw`[file:name = 'foo.dll']`,
  String.raw`[file:size != 4112]`,
  String.raw`[file:size > 256]`,
  String.raw`[file:size < 1024]`,
  String.raw`[file:size <= 25145]`,
  String.raw`[file:size >= 33312]`,
  String.raw`[process:name IN ('proccy', 'proximus', 'badproc')]`,
  String.raw`[directory:path LIKE 'C:\\Windows\\%\\foo']`,
  String.raw`[directory:path MATCHES '^C:\\\\Windows\\w+$']`,
  String.raw`[ipv4-addr:value ISSUBSET '198.51.100.0/24']`,
  String.raw`[ipv4-addr:value ISSUPERSET '198.51.100.0/24']`,
  String.raw`[EXISTS windows-registry-key:values]`,
  // §9.6.4
  String.raw`[artifact:payload_bin = 'dGhpcyBpcyBhIHRlc3Q=']`,
  String.raw`[artifact:payload_bin = 'this is a test']`,
  String.raw`[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']`,
  String.raw`[artifact:payload_bin = h'7468697320697320612074657374']`,
  // §9.7 object paths
  String.raw`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`,
  String.raw`[network-traffic:protocols[0] = 'tcp']`,
  String.raw`[file:hashes.ssdeep = '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C']`,
  String.raw`[file:extensions.'raster-image-ext'.image_height = 768]`,
  String.raw`[email-message:from_ref.value = 'jdoe@example.com']`,
  String.raw`[directory:contains_refs[*].name = 'foo.dll']`,
  // §9.8 examples
  String.raw`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
  String.raw`[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
  String.raw`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']`,
  String.raw`[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']
AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
  String.raw`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`,
  String.raw`[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']`,
  String.raw`[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']`,
  String.raw`[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\Windows\\System32']`,
  String.raw`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`,
  String.raw`[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']`,
  String.raw`[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']`,
  String.raw`[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS`,
  String.raw`[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']`,
  String.raw`[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']`,
  String.raw`[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']`,
  String.raw`[windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\CryptoLocker\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\Software\\Microsoft\\CurrentVersion\\Run\\CryptoLocker_0388']`,
  String.raw`[(file:name = 'pdf.exe' OR file:size = 371712) AND file:created = t'2014-01-13T07:03:17Z']`,
  String.raw`[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']`,
  String.raw`[x-usb-device:usbdrive.serial_number = '575833314133343231313937']`,
  String.raw`[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS`,
  String.raw`[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']`,
  String.raw`([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:image_ref.name = 'fooproc' OR process:image_ref.name = 'procfoo']`,
];

const T0 = Date.parse('2016-06-15T00:00:00Z');
const obs = (objects: ObservedObject[], time = T0, byId?: Map<string, ObservedObject>): Observation => ({ time, objects, ...(byId ? { byId } : {}) });

function evalSrc(src: string, observations: Observation[]): boolean {
  const p = parsePattern(src);
  if (!p.ok) throw new Error(`${src}: ${p.error.message}`);
  return evaluatePattern(p.pattern, observations);
}

describe('parsePattern: every example of STIX 2.1 §9', () => {
  it.each(SPEC_EXAMPLES)('parses %s', (src) => {
    const r = parsePattern(src);
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });
});

describe('parsePattern: malformed patterns are values with a position', () => {
  it.each([
    [String.raw`ipv4-addr:value = '1.2.3.4'`, 0, /expected "\[" or "\("/],
    [String.raw`[ipv4-addr:value = '1.2.3.4'`, 28, /expected "\]"/],
    [String.raw`[ipv4-addr:value = ]`, 19, /expected a constant/],
    [String.raw`[ipv4-addr:value == '1.2.3.4']`, 18, /constant/],
    [String.raw`[ipv4-addr:value = '1.2.3.4]`, 19, /unterminated/],
    [String.raw`[file:name = 'a\nb']`, 15, /invalid escape/],
    [String.raw`[file:size = 1] WITHIN 5 MINUTES`, 25, /SECONDS/],
    [String.raw`[file:created = t'2016-13-01T00:00:00Z']`, 16, /timestamp/],
    [String.raw`[artifact:payload_bin = h'abc']`, 24, /hex/],
    [String.raw`[file:size = 1] REPEATS 0 TIMES`, 24, /positive integer/],
    [String.raw`[file:size = 1] WITHIN 5 SECONDS WITHIN 6 SECONDS`, 49, /more than one WITHIN/],
    [String.raw`[process:name IN ('a', 2)]`, 25, /mixes/],
    [String.raw`[file:extensions.windows-pebinary-ext.x = 1]`, 17, /quote names/],
  ])('rejects %s', (src, position, message) => {
    const r = parsePattern(src);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(message);
    expect(r.error.position).toBe(position);
  });
});

describe('evaluatePattern: the specification examples behave as §9 describes', () => {
  const artifact = obs([{ type: 'artifact', mime_type: 'application/octet-stream', payload_bin: 'dGhpcyBpcyBhIHRlc3Q=' }]);
  it('§9.6.4 binary comparison', () => {
    expect(evalSrc(String.raw`[artifact:payload_bin = 'dGhpcyBpcyBhIHRlc3Q=']`, [artifact])).toBe(false);
    expect(evalSrc(String.raw`[artifact:payload_bin = 'this is a test']`, [artifact])).toBe(true);
    expect(evalSrc(String.raw`[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']`, [artifact])).toBe(true);
    expect(evalSrc(String.raw`[artifact:payload_bin = h'7468697320697320612074657374']`, [artifact])).toBe(true);
  });

  it('§9.5 all comparisons of one observation expression start from the same SCO', () => {
    const src = String.raw`[ network-traffic:src_ref.value = '203.0.113.10' AND network-traffic:dst_ref.value = '198.51.100.58' ]`;
    const a = { type: 'ipv4-addr', value: '203.0.113.10' };
    const b = { type: 'ipv4-addr', value: '198.51.100.58' };
    const byId = new Map<string, ObservedObject>([['1', a], ['3', b]]);
    const split = obs([{ type: 'network-traffic', src_ref: '1' }, a, { type: 'network-traffic', dst_ref: '3' }, b], T0, byId);
    expect(evalSrc(src, [split])).toBe(false);
    const joined = obs([{ type: 'network-traffic', src_ref: '1', dst_ref: '3' }, a, b], T0, byId);
    expect(evalSrc(src, [joined])).toBe(true);
  });

  it('§9.3 /32 and /128 constants equal the single address; IPv6 compares in native form', () => {
    const src = SPEC_EXAMPLES[7] as string;
    expect(evalSrc(src, [obs([{ type: 'ipv4-addr', value: '203.0.113.33' }])])).toBe(true);
    expect(evalSrc(src, [obs([{ type: 'ipv6-addr', value: '2001:db8:dead:beef:dead:beef:dead:1' }])])).toBe(true);
    expect(evalSrc(src, [obs([{ type: 'ipv4-addr', value: '203.0.113.34' }])])).toBe(false);
  });

  it('§9.6.1 ISSUBSET and ISSUPERSET, including equal networks', () => {
    const net = (value: string) => [obs([{ type: 'ipv4-addr', value }])];
    expect(evalSrc(String.raw`[ipv4-addr:value ISSUBSET '198.51.100.0/24']`, net('198.51.100.0/27'))).toBe(true);
    expect(evalSrc(String.raw`[ipv4-addr:value ISSUBSET '198.51.100.0/24']`, net('198.51.100.77'))).toBe(true);
    expect(evalSrc(String.raw`[ipv4-addr:value ISSUBSET '198.51.100.0/24']`, net('198.51.101.1'))).toBe(false);
    expect(evalSrc(String.raw`[ipv4-addr:value ISSUPERSET '198.51.100.0/27']`, net('198.51.100.0/24'))).toBe(true);
    expect(evalSrc(String.raw`[ipv4-addr:value ISSUPERSET '198.51.100.0/24']`, net('198.51.100.0/24'))).toBe(true);
    const v6 = String.raw`[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']`;
    const nt = (value: string) => [obs([{ type: 'network-traffic', dst_ref: { type: 'ipv6-addr', value } }])];
    expect(evalSrc(v6, nt('2001:db8:dead:beef::42'))).toBe(true);
    expect(evalSrc(v6, nt('2001:db8:dead:bef0::42'))).toBe(false);
  });

  it('§9.6.1 ordering, IN, LIKE, MATCHES, EXISTS and NOT', () => {
    const file = [obs([{ type: 'file', name: 'foo.dll', size: 300 }])];
    expect(evalSrc('[file:size > 256]', file)).toBe(true);
    expect(evalSrc('[file:size < 256]', file)).toBe(false);
    expect(evalSrc('[file:size != 4112]', file)).toBe(true);
    expect(evalSrc("[file:size != 'text']", file)).toBe(true); // incompatible types: != is true
    expect(evalSrc("[file:size = 'text']", file)).toBe(false);
    expect(evalSrc("[file:name IN ('a.dll', 'foo.dll')]", file)).toBe(true);
    expect(evalSrc("[file:name NOT IN ('a.dll', 'foo.dll')]", file)).toBe(false);
    expect(evalSrc("[file:name LIKE 'f_o.%']", file)).toBe(true);
    expect(evalSrc("[file:name MATCHES '^fo+\\\\.dll$']", file)).toBe(true);
    expect(evalSrc("[file:name NOT MATCHES '^bar']", file)).toBe(true);
    expect(evalSrc('[EXISTS file:size]', file)).toBe(true);
    expect(evalSrc('[EXISTS file:mime_type]', file)).toBe(false);
    // §9.6: an absent path is false whatever the operator, NOT included.
    expect(evalSrc("[file:mime_type != 'x']", file)).toBe(false);
    expect(evalSrc("[file:mime_type NOT = 'x']", file)).toBe(false);
    const dir = [obs([{ type: 'directory', path: 'C:\\Windows\\System32\\foo' }])];
    expect(evalSrc(String.raw`[directory:path LIKE 'C:\\Windows\\%\\foo']`, dir)).toBe(true);
    expect(evalSrc(String.raw`[directory:path MATCHES '^C:\\\\Windows\\w+$']`, [obs([{ type: 'directory', path: 'C:\\Windowsabc' }])])).toBe(true);
  });

  it('§9.8 the e-mail example with a regex and a list of MIME parts', () => {
    const src = SPEC_EXAMPLES.find((s) => s.includes('Final Report')) as string;
    const mail = {
      type: 'email-message',
      from_ref: { type: 'email-addr', value: 'mallory@example.com' },
      body_multipart: [{ body: 'hi' }, { body_raw_ref: { type: 'file', name: 'Final Report 2024.exe' } }],
    };
    expect(evalSrc(src, [obs([mail])])).toBe(true);
    expect(evalSrc(src, [obs([{ ...mail, from_ref: { type: 'email-addr', value: 'mallory@example.org' } }])])).toBe(false);
  });

  it('§9.8 a set of file properties with a timestamp constant', () => {
    const src = SPEC_EXAMPLES.find((s) => s.includes('pdf.exe')) as string;
    expect(evalSrc(src, [obs([{ type: 'file', size: 371712, created: '2014-01-13T07:03:17.000Z' }])])).toBe(true);
    expect(evalSrc(src, [obs([{ type: 'file', name: 'pdf.exe', created: '2014-01-13T07:03:18Z' }])])).toBe(false);
  });

  it('§9.8 observation AND needs different observations (three unix accounts)', () => {
    const src = SPEC_EXAMPLES.find((s) => s.includes("'Mary'")) as string;
    const acct = (user_id: string, account_login: string) => obs([{ type: 'user-account', account_type: 'unix', user_id, account_login }]);
    expect(evalSrc(src, [acct('1007', 'Peter'), acct('1008', 'Paul'), acct('1009', 'Mary')])).toBe(true);
    expect(evalSrc(src, [acct('1007', 'Peter'), acct('1008', 'Paul')])).toBe(false);
  });

  it('§9.5.2 FOLLOWEDBY orders in time and WITHIN bounds the span', () => {
    const src = String.raw`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`;
    const f = (t: number) => obs([{ type: 'file', hashes: { MD5: '79054025255fb1a26e4bc422aef54eb4' } }], t);
    const k = (t: number) => obs([{ type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\foo\\bar' }], t);
    expect(evalSrc(src, [f(T0), k(T0 + 100_000)])).toBe(true);
    expect(evalSrc(src, [k(T0), f(T0 + 100_000)])).toBe(false); // wrong order
    expect(evalSrc(src, [f(T0), k(T0 + 300_000)])).toBe(false); // span not < 300 s
  });

  it('§9.8 beaconing: REPEATS 5 TIMES WITHIN 1800 SECONDS', () => {
    const src = SPEC_EXAMPLES.find((s) => s.includes('REPEATS 5 TIMES WITHIN 1800')) as string;
    const beacon = (t: number) => obs([{ type: 'network-traffic', dst_ref: { type: 'domain-name', value: 'example.com' } }], t);
    const five = [0, 1, 2, 3, 4].map((i) => beacon(T0 + i * 60_000));
    expect(evalSrc(src, five)).toBe(true);
    expect(evalSrc(src, five.slice(0, 4))).toBe(false);
    expect(evalSrc(src, [0, 1, 2, 3, 4].map((i) => beacon(T0 + i * 600_000)))).toBe(false);
  });

  it('§9.5.1 START/STOP bounds observation times', () => {
    const src = SPEC_EXAMPLES[3] as string;
    expect(evalSrc(src, [obs([{ type: 'file', name: 'foo.dll' }], Date.parse('2016-06-30T23:59:59Z'))])).toBe(true);
    expect(evalSrc(src, [obs([{ type: 'file', name: 'foo.dll' }], Date.parse('2016-07-01T00:00:00Z'))])).toBe(false);
  });

  it('§9.8 custom objects and the mixed OR of observation expressions', () => {
    expect(evalSrc(SPEC_EXAMPLES.find((s) => s.includes('x-usb-device')) as string, [
      obs([{ type: 'x-usb-device', usbdrive: { serial_number: '575833314133343231313937' } }]),
    ])).toBe(true);
    const last = SPEC_EXAMPLES.at(-1) as string;
    expect(evalSrc(last, [obs([{ type: 'process', image_ref: { type: 'file', name: 'procfoo' } }])])).toBe(true);
    expect(evalSrc(last, [obs([{ type: 'file', name: 'foo.dll' }])])).toBe(false);
    expect(evalSrc(last, [obs([{ type: 'file', name: 'foo.dll' }]), obs([{ type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\foo\\bar' }])])).toBe(true);
  });
});

describe('analysePattern: support is reported with a reason, never silently dropped', () => {
  it('classifies every specification example', () => {
    const counts: Record<string, number> = {};
    for (const src of SPEC_EXAMPLES) {
      const r = analyseIndicatorPattern('stix', src);
      const key = r.status === 'supported' ? `supported:${r.scope}` : `unsupported:${r.reason}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts).toEqual({ 'supported:event': 8, 'supported:history': 7, 'unsupported:object-type': 19, 'unsupported:property': 22 });
  });

  it.each([
    ["[ipv4-addr:value = '198.51.100.1']", 'supported'],
    ["[x-warden-device:fingerprint = 'd-77f1']", 'supported'],
    ["[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'curl/8']", 'supported'],
    ["[process:name = 'x']", 'object-type'],
    ["[domain-name:resolves_to_refs[*].value = '198.51.100.1']", 'property'],
    ["[url:value MATCHES '(?<=a)b(?i)']", 'regex'],
  ])('%s → %s', (src, expected) => {
    const p = parsePattern(src);
    if (!p.ok) throw new Error(p.error.message);
    const r = analysePattern(p.pattern);
    expect(r.status === 'supported' ? 'supported' : r.reason).toBe(expected);
  });

  it('reports non-STIX pattern types and unparsable patterns', () => {
    expect(analyseIndicatorPattern('sigma', 'title: x')).toMatchObject({ status: 'unsupported', reason: 'pattern-type' });
    expect(analyseIndicatorPattern('stix', '[broken')).toMatchObject({ status: 'unsupported', reason: 'parse-error' });
  });
});
