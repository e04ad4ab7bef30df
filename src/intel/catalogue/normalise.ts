/**
 * The key under which a name is looked up: case-, accent-, space- and punctuation-insensitive,
 * so "APT 28", "apt-28" and "APT28" meet, as do "Tortoise Shell" and "Tortoiseshell".
 * "LAPSUS$" and "Lapsus" meet too; names that differ only in punctuation are the same name.
 */
export function normaliseActorName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
