package com.licencereminder.delivery;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Template parameters as the JSON object the providers take, in their order. */
public final class DeliveryJson {

	private DeliveryJson() {
	}

	/** The map as a JSON object. */
	public static String object(Map<String, String> fields) {
		return JsonMapper.shared().writeValueAsString(fields);
	}

}
