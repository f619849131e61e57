package com.licencereminder.licence.importing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The columns an import understands, each with the header aliases real lists use
 * (docs/architecture.md, "Import columns"). Headers match case- and space-insensitively,
 * ignoring full-width forms, a trailing required marker ({@code *}) and a parenthesised
 * note ({@code 联系电话（手机）}).
 */
enum Column {

	HOLDER("企业名称", "单位名称", "持证主体", "经营者名称", "市场主体名称", "持证单位", "企业(单位)名称", "holder", "holder_name", "name"),
	USCC("统一社会信用代码", "社会信用代码", "持证主体代码", "信用代码", "uscc"),
	TYPE("证照名称", "证照类型", "许可证名称", "许可证类型", "证件类型", "licence_type", "license_type", "type"),
	NUMBER("证照编号", "许可证编号", "证书编号", "许可证号", "证号", "编号", "licence_no", "license_no", "licence_number", "number"),
	ISSUER("发证机关", "证照颁发机构", "发证单位", "issuer"), VALID_FROM("有效期起始日期", "有效期自", "有效期起", "发证日期", "证照颁发日期", "valid_from"),
	VALID_UNTIL("有效期截止日期", "有效期至", "有效期止", "到期日期", "截止日期", "到期日", "valid_until", "expiry_date", "expiry"),
	VALIDITY("有效期", "有效期限"), CONTACT("联系人", "法定代表人", "负责人", "法人", "contact"),
	PHONES("联系电话", "手机号码", "移动电话", "手机", "电话", "联系方式", "phone", "phones", "mobile"),
	OPENID("小程序openid", "openid", "wechat_openid"), STATUS("证照状态", "状态", "许可状态", "status"),
	REGION("区划代码", "所属区域", "监管单位", "所属辖区", "region");

	private static final Pattern NOTE = Pattern.compile("[(\\[【].*?[)\\]】]");

	private static final Map<String, Column> BY_ALIAS = new HashMap<>();

	static {
		for (Column column : values()) {
			for (String alias : column.aliases) {
				BY_ALIAS.put(normalise(alias), column);
			}
		}
	}

	private final List<String> aliases;

	Column(String... aliases) {
		this.aliases = List.of(aliases);
	}

	List<String> aliases() {
		return aliases;
	}

	/** The column a header cell names, if any. */
	static Optional<Column> forHeader(String header) {
		if (header == null) {
			return Optional.empty();
		}
		String key = normalise(header);
		Column exact = BY_ALIAS.get(key);
		if (exact != null) {
			return Optional.of(exact);
		}
		String withoutNote = NOTE.matcher(key).replaceAll("");
		return Optional.ofNullable(BY_ALIAS.get(withoutNote));
	}

	/** The required columns, as a regulator reads them in an error message. */
	static String describeRequired() {
		return Arrays.stream(new Column[] { HOLDER, TYPE, NUMBER, VALID_UNTIL })
			.map(column -> column.aliases.get(0) + " ("
					+ String.join("/", column.aliases.subList(1, column.aliases.size())) + ")")
			.reduce((a, b) -> a + ", " + b)
			.orElseThrow();
	}

	private static String normalise(String header) {
		String cleaned = Text.clean(header);
		if (cleaned == null) {
			return "";
		}
		String key = cleaned.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "").replace("（", "(").replace("）", ")");
		while (key.startsWith("*")) {
			key = key.substring(1);
		}
		while (key.endsWith("*")) {
			key = key.substring(0, key.length() - 1);
		}
		return key;
	}

}
