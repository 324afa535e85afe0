/** Proxy lists as text to paste (README "Proxy lists to paste"); the formats are written by domain/proxy-list-format.ts. */
import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { PageArgs, PageInfo } from '../common/pagination';
import { ProxyProtocol } from '../common/enums';
import { ProxyFilter } from '../proxy/proxy.input';

export enum ProxyListFormat {
  HOST_PORT = 'HOST_PORT',
  HOST_PORT_USER_PASS = 'HOST_PORT_USER_PASS',
  USER_PASS_AT_HOST_PORT = 'USER_PASS_AT_HOST_PORT',
  URL = 'URL',
  CSV = 'CSV',
}

registerEnumType(ProxyListFormat, {
  name: 'ProxyListFormat',
  description: 'How a proxy list is written. Every format but HOST_PORT carries passwords and needs the `credentials` scope.',
  valuesConfig: {
    HOST_PORT: { description: '`host:port` per line, for IP-authorized use. Needs only `read`.' },
    HOST_PORT_USER_PASS: { description: '`host:port:user:pass` per line (`host:port` when the proxy has no username).' },
    USER_PASS_AT_HOST_PORT: { description: '`user:pass@host:port` per line (`host:port` when the proxy has no username).' },
    URL: { description: '`http://user:pass@host:port` or `socks5://…` per line (see `protocol`), user and password percent-encoded.' },
    CSV: {
      description:
        'RFC 4180, CRLF line ends: provider,account_id,host,http_port,socks5_port,username,password,country,city. The header heads the first page only, so pages concatenate into one document. Takes no `protocol`.',
    },
  },
});

@ArgsType()
export class ProxyListArgs extends PageArgs {
  @Field(() => ProxyListFormat)
  format!: ProxyListFormat;

  @Field(() => ProxyProtocol, {
    nullable: true,
    description: 'Which port each line uses and, for URL, the scheme; default HTTP. A proxy without a port for it is left out (skippedCount). Not with CSV.',
  })
  @IsOptional()
  protocol?: ProxyProtocol | null;

  @Field(() => ProxyFilter, { nullable: true })
  @IsOptional()
  // An argument of its own (Query.proxies) is validated whole; as a field of these args it must be asked for.
  @ValidateNested()
  filter?: ProxyFilter | null;
}

@ObjectType({ description: 'One page of a proxy list as text. Loop with `after: pageInfo.endCursor` while `hasNextPage`, appending `text`.' })
export class ProxyListText {
  @Field(() => String, { description: 'The lines, each ending with its line break (CRLF for CSV, LF otherwise).' })
  text!: string;

  @Field(() => Int, { description: 'Proxy lines in `text` (a CSV header is not counted).' })
  lineCount!: number;

  @Field(() => Int, {
    description:
      'Proxies of this page left out: no port for the protocol, or a value the format cannot hold unambiguously (a line break; a colon or @ in the username: use URL or CSV).',
  })
  skippedCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
