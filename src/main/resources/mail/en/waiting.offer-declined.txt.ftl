<#-- waiting.offer-declined (en), plain text; also sets the subject -->
<#import "/text.ftl" as t>
<#assign subject>Seat offer declined: ${(course.name)!""}</#assign>
<@t.hello/>

You have declined the seat that was reserved for you in the course <@t.coursePhrase c=course!{}/>. It goes to the next person on the waiting list, and your signup for this course has ended.

If you did not decline it yourself, someone has used your status link; we cannot give the seat back, but you can sign up again while signup for the course is open.

<@t.statusLink/>

<@t.footer/>
