package com.licencereminder.licence.importing;

import java.util.List;

import com.licencereminder.shared.StoreSpace;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An import refused because the store's disk has less free space than the service keeps
 * ({@link StoreSpace.Reading#low()}): 507 Insufficient Storage for the API, a message on
 * the upload page for the console, each saying why and what to do
 * ({@code import.refused.disk-space}) in the reader's language.
 */
class DiskSpaceLow extends ErrorResponseException {

	static final String CODE = "import.refused.disk-space";

	private final List<String> args;

	DiskSpaceLow(StoreSpace.Reading reading) {
		this(List.of(readable(reading.freeBytes()), readable(reading.minFreeBytes())));
	}

	private DiskSpaceLow(List<String> args) {
		super(HttpStatus.INSUFFICIENT_STORAGE, ProblemDetail.forStatus(HttpStatus.INSUFFICIENT_STORAGE), null, CODE,
				args.toArray());
		this.args = args;
	}

	@Override
	public String getTitleMessageCode() {
		return CODE + ".title";
	}

	/** The message's arguments: free space and the minimum, as people read them. */
	List<String> args() {
		return args;
	}

	/** {@code 1.4 GB}, {@code 830 MB}. */
	static String readable(long bytes) {
		long mb = bytes / (1024 * 1024);
		return mb >= 1024 ? "%.1f GB".formatted(mb / 1024.0) : mb + " MB";
	}

}
